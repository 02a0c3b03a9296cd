package io.cellar.master.assign;

import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;

/** One planned region move. */
public record RegionMove(RegionInfo region, ServerName from, ServerName to) {}
