package dev.debias.audit.index;

import dev.debias.core.ProgressListener;
import dev.debias.corpus.FieldMapping;
import dev.debias.corpus.ReadOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds an index in a child JVM for {@link CorpusIndexerKillTest}, which kills it. Arguments: the
 * corpus, the index directory, {@code rebuild} or {@code build}, and milliseconds to sleep after each
 * progress step (progress only; the indexing is untouched), so the parent can kill it mid-build. It
 * prints {@code start}, {@code advance N} after the N-th step, {@code finish} before committing and
 * {@code published} at the end, each line flushed.
 */
public final class IndexChild {
    /** How both the child and the test read the corpus. */
    static final ReadOptions READ = ReadOptions.defaults().withFields(FieldMapping.DEFAULT.withIdField("id")
            .withLabelField("label").withGroupFields(List.of("gender")));

    private IndexChild() {}

    public static void main(String[] args) throws Exception {
        long sleep = Long.parseLong(args[3]);
        ProgressListener slow = new ProgressListener() {
            private int steps;

            @Override
            public void start(String task, long total, String unit) {
                System.out.println("start");
                System.out.flush();
            }

            @Override
            public void advance(long units) {
                System.out.println("advance " + ++steps);
                System.out.flush();
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void finish() {
                System.out.println("finish");
                System.out.flush();
            }
        };
        IndexBuild b = CorpusIndexer.builder().setInput(Path.of(args[0])).setIndexDir(Path.of(args[1]))
                .optReadOptions(READ).optThreads(2).optRebuild(args[2].equals("rebuild")).ramBufferMb(1)
                .optProgress(slow).build().run();
        System.out.println("published " + b.metadata().documents());
        System.out.flush();
    }
}
