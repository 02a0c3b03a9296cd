package io.cellar.tools;

import io.cellar.common.conf.Configuration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cellar standalone}: ZooKeeper, master and region server(s) in this JVM. */
@Command(name = "standalone", mixinStandardHelpOptions = true,
    description = "Run a whole cluster in one process; data kept in the data directory.")
public final class StandaloneCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where tables, WALs and ZooKeeper data live (default: ${DEFAULT-VALUE}).")
  Path dataDir = Path.of("cellar-data");

  @Option(names = "--regionservers", description = "Region servers to run (default: 1).")
  int regionServers = 1;

  @Override
  public Integer call() throws Exception {
    Configuration conf = config.load();
    LocalCluster cluster = new LocalCluster(conf, dataDir, regionServers);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("Shutting down Cellar standalone...");
      cluster.close();
      stopped.countDown();
    }, "standalone-shutdown"));
    cluster.start();
    System.out.println("Cellar standalone is up: ZooKeeper at "
        + cluster.getConfiguration().get("cellar.zookeeper.quorum", "") + ", data in "
        + cluster.getDataDir() + ". Ctrl-C to stop.");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
