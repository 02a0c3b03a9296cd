package io.cellar.regionserver.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.cell.Cell;
import io.cellar.common.exceptions.UnknownScannerException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.regionserver.Region;
import io.cellar.regionserver.RegionScanner;
import io.cellar.regionserver.RegionServices;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease table alone: ids, in-use marking, expiry, busy scanners. */
class ScannerLeasesTest {
  /** A region scanner that counts its closes and has no rows. */
  static final class CountingScanner implements RegionScanner {
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public boolean next(List<Cell> out) {
      return false;
    }

    @Override
    public RegionInfo getRegionInfo() {
      return null;
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  @TempDir
  static Path dir;
  static RegionServices services;
  static OnlineRegion region;

  @BeforeAll
  static void openRegion() throws Exception {
    services = RegionServices.local(dir, new Configuration());
    TableDescriptor td = ServerFixture.table("leases");
    region = new OnlineRegion(Region.open(ServerFixture.region(td, null, null), td, services));
  }

  @AfterAll
  static void closeRegion() throws Exception {
    region.region().close();
    services.close();
  }

  private static OpenScanner scanner(long id, CountingScanner s) {
    return new OpenScanner(id, region, s, 10, Long.MAX_VALUE, false);
  }

  @Test
  void aScannerInUseByOneCallIsClosedWhenASecondCallArrives() throws Exception {
    try (ScannerLeases leases = new ScannerLeases(60_000, "test")) {
      CountingScanner rs = new CountingScanner();
      OpenScanner s = leases.register(id -> scanner(id, rs)); // in use by the opening call
      UnknownScannerException e = assertThrows(UnknownScannerException.class,
          () -> leases.acquire(s.id()));
      assertTrue(e.getMessage().contains("busy"), e.getMessage());
      assertEquals(1, rs.closes.get());
      assertEquals(0, leases.size());
      leases.release(s); // the first call ends: nothing to release any more
      assertThrows(UnknownScannerException.class, () -> leases.acquire(s.id()));
    }
  }

  @Test
  void expiryTakesOnlyIdleScannersPastTheirLease() throws Exception {
    try (ScannerLeases leases = new ScannerLeases(60_000, "test")) {
      CountingScanner idle = new CountingScanner();
      CountingScanner busy = new CountingScanner();
      OpenScanner a = leases.register(id -> scanner(id, idle));
      OpenScanner b = leases.register(id -> scanner(id, busy));
      leases.release(a);
      long later = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      leases.expireIdle(later);
      assertEquals(1, idle.closes.get());
      assertEquals(0, busy.closes.get(), "a scanner in a call never expires");
      leases.release(b);
      assertSame(b, leases.acquire(b.id()));
      leases.release(b);
      leases.expireIdle(System.nanoTime());
      assertEquals(1, leases.size(), "just used: within its lease");
    }
  }
}
