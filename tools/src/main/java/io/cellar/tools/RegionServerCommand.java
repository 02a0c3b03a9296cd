package io.cellar.tools;

import io.cellar.regionserver.server.RegionServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cellar regionserver}: one region server process. */
@Command(name = "regionserver", mixinStandardHelpOptions = true,
    description = "Run a region server of the cluster named by the configuration.")
public final class RegionServerCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    RegionServer rs = new RegionServer(config.load());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (rs.isRunning()) {
        rs.stop();
      }
    }, "regionserver-shutdown"));
    rs.start();
    System.out.println("Region server " + rs.getServerName() + " started");
    System.out.flush();
    rs.join();
    return rs.isAborted() ? 1 : 0;
  }
}
