/**
 * The region server process around the embedded {@link io.cellar.regionserver.Region}.
 *
 * <ul>
 *   <li>{@link io.cellar.regionserver.server.RegionServer}: lifecycle and wiring (RPC, WAL,
 *       block cache, flusher, compactions, ZooKeeper, master reports).
 *   <li>{@code OnlineRegions}/{@code OnlineRegion}: which regions serve here; open/close/split
 *       transitions serialized per region.
 *   <li>{@code ClientService}, {@code MultiActions}, {@code ScanCalls}: the "ClientService" RPCs;
 *       {@code ScannerLeases}/{@code OpenScanner}: open scanners and their leases.
 *   <li>{@code AdminService}: the "AdminService" RPCs; {@code RegionSplitter} and
 *       {@code DaughterWriter}: splits (daughters written by rewriting the parent's files).
 *   <li>{@code MemStoreFlusher}: per-region, global-limit and WAL-pressure flushes, and the
 *       global write gate.
 *   <li>{@code MasterReporter}, {@code SplitRequests}, {@code ServerLoads}: the master link.
 *   <li>{@code WalDirectory}: archiving the WAL after a clean stop.
 * </ul>
 */
package io.cellar.regionserver.server;
