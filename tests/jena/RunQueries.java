// Runs SPARQL query files with Apache Jena ARQ on one data file, in one JVM.
// Usage: java RunQueries DATA.nt|DATA.trig|DATA.nq OUTDIR QUERY.rq...  A SELECT or ASK answer goes to OUTDIR/<name>.srj
// (SPARQL 1.1 JSON results), a CONSTRUCT or DESCRIBE answer to OUTDIR/<name>.nt; an error to OUTDIR/<name>.err.
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.Syntax;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;

public class RunQueries {
    public static void main(String[] args) throws Exception {
        // N-Triples: the graph; TriG or N-Quads: a dataset, queried as the union of its named graphs.
        Model data = args[0].endsWith(".nt") ? RDFDataMgr.loadModel(args[0], Lang.NTRIPLES)
                                             : RDFDataMgr.loadDataset(args[0]).getUnionModel();
        Path out = Paths.get(args[1]);
        for (int i = 2; i < args.length; i++) {
            Path file = Paths.get(args[i]);
            String name = file.getFileName().toString().replaceFirst("\\.rq$", "");
            try {
                Query query = QueryFactory.read(file.toString(), Syntax.syntaxSPARQL_11);
                try (QueryExecution execution = QueryExecutionFactory.create(query, data)) {
                    if (query.isSelectType()) {
                        try (OutputStream stream = new FileOutputStream(out.resolve(name + ".srj").toFile())) {
                            ResultSetFormatter.outputAsJSON(stream, execution.execSelect());
                        }
                    } else if (query.isAskType()) {
                        try (OutputStream stream = new FileOutputStream(out.resolve(name + ".srj").toFile())) {
                            ResultSetFormatter.outputAsJSON(stream, execution.execAsk());
                        }
                    } else {
                        Model answer = query.isConstructType() ? execution.execConstruct() : execution.execDescribe();
                        try (OutputStream stream = new FileOutputStream(out.resolve(name + ".nt").toFile())) {
                            RDFDataMgr.write(stream, answer, Lang.NTRIPLES);
                        }
                    }
                }
            } catch (Exception error) {
                try (PrintStream stream = new PrintStream(new FileOutputStream(out.resolve(name + ".err").toFile()), true, "UTF-8")) {
                    stream.println(error);
                }
            }
        }
    }
}
