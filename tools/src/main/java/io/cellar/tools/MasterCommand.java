package io.cellar.tools;

import io.cellar.master.Master;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code cellar master}: one master process (active or backup). */
@Command(name = "master", mixinStandardHelpOptions = true,
    description = "Run a master; it becomes active or waits as a backup.")
public final class MasterCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    Master master = new Master(config.load());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      master.stop();
      stopped.countDown();
    }, "master-shutdown"));
    master.start();
    System.out.println("Master " + master.getServerName() + " started");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
