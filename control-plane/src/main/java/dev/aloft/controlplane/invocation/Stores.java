package dev.aloft.controlplane.invocation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * What the record tables share: times go in and out as UTC, and batch inserts that skip
 * duplicates count only the rows they added.
 */
final class Stores {

	private Stores() {
	}

	static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	/**
	 * The rows a batch insert added: statements that skipped a duplicate count 0; a
	 * driver that does not report counts is taken at its word that each added one.
	 */
	static int inserted(int[][] counts) {
		int inserted = 0;
		for (int[] batch : counts) {
			for (int count : batch) {
				if (count > 0) {
					inserted += count;
				}
				else if (count == Statement.SUCCESS_NO_INFO) {
					inserted++;
				}
			}
		}
		return inserted;
	}

}
