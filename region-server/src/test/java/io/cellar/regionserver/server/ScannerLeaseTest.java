package io.cellar.regionserver.server;

import static io.cellar.regionserver.server.ServerFixture.CF;
import static io.cellar.regionserver.server.ServerFixture.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Put;
import io.cellar.client.Scan;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.UnknownScannerException;
import io.cellar.common.proto.CloseRegionRequest;
import io.cellar.common.proto.CloseRegionResponse;
import io.cellar.common.proto.ScanRequest;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanner lifetimes: leases expire idle scanners; close and region close end them. */
class ScannerLeaseTest {
  @TempDir
  static Path dir;
  static ServerFixture f;
  static final TableDescriptor TABLE = ServerFixture.table("leases");
  static final RegionInfo REGION = ServerFixture.region(TABLE, null, null);

  @BeforeAll
  static void start() throws Exception {
    f = ServerFixture.start(dir);
    f.open(REGION, TABLE);
    for (int i = 0; i < 10; i++) {
      f.mutate(REGION, new Put(b("r" + i)).addColumn(CF, b("q"), b("v")));
    }
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void idleScannerExpiresAndItsIdIsThenUnknown() throws Exception {
    ServerFixture.ScanPage page = f.openScanner(REGION, new Scan(), 2);
    long id = page.response().getScannerId();
    assertEquals(RegionServer.DEFAULT_SCANNER_LEASE_MS, page.response().getScannerLeaseMs());
    assertEquals(2, page.results().size());
    ScannerLeases leases = f.server.scannerLeases();
    leases.expireIdle(System.nanoTime()); // within its lease: kept
    assertEquals(1, leases.size());
    // as the sweep would see it once the lease has passed
    leases.expireIdle(System.nanoTime()
        + TimeUnit.MILLISECONDS.toNanos(2 * RegionServer.DEFAULT_SCANNER_LEASE_MS));
    assertEquals(0, leases.size());
    UnknownScannerException e = assertThrows(UnknownScannerException.class,
        () -> f.next(id, 2));
    assertTrue(e.getMessage().contains(Long.toUnsignedString(id)), e.getMessage());
  }

  @Test
  void aBusyScannerKeepsItsLease() throws Exception {
    ServerFixture.ScanPage page = f.openScanner(REGION, new Scan(), 1);
    long id = page.response().getScannerId();
    int rows = 1;
    // each call renews the lease; the sweep never closes a scanner between calls it serves
    while (page.response().getMoreResultsInRegion()) {
      f.server.scannerLeases().expireIdle(System.nanoTime());
      page = f.next(id, 1);
      rows += page.results().size();
    }
    assertEquals(10, rows);
  }

  @Test
  void theBackgroundSweepClosesIdleScanners(@TempDir Path other) throws Exception {
    try (ServerFixture g = ServerFixture.start(other, RegionServer.SCANNER_LEASE_KEY, "100")) {
      g.open(REGION, TABLE);
      g.mutate(REGION, new Put(b("a")).addColumn(CF, b("q"), b("v")));
      g.mutate(REGION, new Put(b("b")).addColumn(CF, b("q"), b("v")));
      long id = g.openScanner(REGION, new Scan(), 1).response().getScannerId();
      ServerFixture.await("the sweep to expire the idle scanner",
          () -> g.server.scannerLeases().size() == 0);
      assertThrows(UnknownScannerException.class, () -> g.next(id, 1));
    }
  }

  @Test
  void closedScannerIsUnknown() throws Exception {
    long id = f.openScanner(REGION, new Scan(), 1).response().getScannerId();
    f.scanCall(ScanRequest.newBuilder().setScannerId(id).setCloseScanner(true).build());
    assertThrows(UnknownScannerException.class, () -> f.next(id, 1));
  }

  @Test
  void closingTheRegionClosesItsScanners() throws Exception {
    TableDescriptor td = ServerFixture.table("closing");
    RegionInfo region = ServerFixture.region(td, null, null);
    f.open(region, td);
    f.mutate(region, new Put(b("a")).addColumn(CF, b("q"), b("v")));
    f.mutate(region, new Put(b("b")).addColumn(CF, b("q"), b("v")));
    long id = f.openScanner(region, new Scan(), 1).response().getScannerId();
    f.call(AdminService.NAME, "CloseRegion", CloseRegionRequest.newBuilder()
        .setRegionName(ServerFixture.name(region)).build(), CloseRegionResponse.parser());
    assertThrows(UnknownScannerException.class, () -> f.next(id, 1));
    assertThrows(NotServingRegionException.class, () -> f.openScanner(region, new Scan(), 1));
  }
}
