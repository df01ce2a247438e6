package dev.aloft.controlplane;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Code zips for tests, built in memory: well-formed ones with {@link ZipOutputStream},
 * and crafted ones (names a normal writer refuses, lying headers, hidden entries) with
 * {@link Crafted}.
 */
public final class CodeZips {

	private CodeZips() {
	}

	/**
	 * A zip holding the given files, each with a short text content.
	 * @param names the entry names, in order
	 * @return the zip
	 */
	public static byte[] withFiles(String... names) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		for (String name : names) {
			entries.put(name, ("content of " + name + "\n").getBytes(StandardCharsets.UTF_8));
		}
		return of(entries);
	}

	/**
	 * A zip holding the given entries.
	 * @param entries entry names and contents, in order
	 * @return the zip
	 */
	public static byte[] of(Map<String, byte[]> entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * A small Python function: {@code app.py} with {@code handler}.
	 * @return the zip
	 */
	public static byte[] pythonApp() {
		return of(
				Map.of("app.py", "def handler(event, context):\n    return event\n".getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * A Python function whose content differs by {@code marker}, so its SHA-256 is new.
	 * @param marker anything
	 * @return the zip
	 */
	public static byte[] pythonApp(String marker) {
		return of(Map.of("app.py", ("# " + marker + "\ndef handler(event, context):\n    return event\n")
			.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * A zip with one entry of {@code size} zero bytes, deflated as it is written so the
	 * uncompressed content never sits in memory.
	 * @param name the entry name
	 * @param size how many zero bytes the entry expands to
	 * @return the zip
	 */
	public static byte[] zeros(String name, long size) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.setLevel(Deflater.BEST_SPEED);
			zip.putNextEntry(new ZipEntry(name));
			byte[] chunk = new byte[1024 * 1024];
			long left = size;
			while (left > 0) {
				int length = (int) Math.min(chunk.length, left);
				zip.write(chunk, 0, length);
				left -= length;
			}
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * An empty zip: only the end-of-central-directory record.
	 * @return the zip
	 */
	public static byte[] empty() {
		return new Crafted().build();
	}

	/**
	 * Base64, as a JSON request carries the zip.
	 * @param zip the zip
	 * @return its base64 form
	 */
	public static String base64(byte[] zip) {
		return Base64.getEncoder().encodeToString(zip);
	}

	/**
	 * Writes a zip byte by byte, so a test can make it say what a normal writer would
	 * not: names with {@code ..} or backslashes, duplicate names, sizes in the local
	 * header that differ from the content, a local name that differs from the central
	 * one, and gaps that stop a streaming reader while the central directory still lists
	 * what comes after. Entries carry their sizes in the local header (no data
	 * descriptor).
	 */
	public static final class Crafted {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		private final List<CentralEntry> central = new ArrayList<>();

		/**
		 * Adds a deflated entry.
		 * @param name the name, in both headers
		 * @param content the content
		 * @return this
		 */
		public Crafted entry(String name, byte[] content) {
			return entry(name, name, content, content.length);
		}

		/**
		 * Adds a deflated entry whose local header may disagree with the central
		 * directory.
		 * @param localName the name in the local header
		 * @param centralName the name in the central directory
		 * @param content the content
		 * @param declaredSize the uncompressed size both headers declare
		 * @return this
		 */
		public Crafted entry(String localName, String centralName, byte[] content, long declaredSize) {
			byte[] compressed = deflate(content);
			CRC32 crc = new CRC32();
			crc.update(content);
			int offset = this.out.size();
			byte[] name = localName.getBytes(StandardCharsets.UTF_8);
			writeInt(0x04034b50);
			writeShort(20);
			writeShort(0x0800);
			writeShort(8);
			writeShort(0);
			writeShort(0x21);
			writeInt((int) crc.getValue());
			writeInt(compressed.length);
			writeInt((int) declaredSize);
			writeShort(name.length);
			writeShort(0);
			this.out.writeBytes(name);
			this.out.writeBytes(compressed);
			this.central.add(new CentralEntry(centralName.getBytes(StandardCharsets.UTF_8), (int) crc.getValue(),
					compressed.length, (int) declaredSize, offset));
			return this;
		}

		/**
		 * Adds a run of zero bytes between entries: not a local header signature, so a
		 * streaming reader stops here, while the central directory still finds the
		 * entries after it by offset.
		 * @param length how many bytes
		 * @return this
		 */
		public Crafted gap(int length) {
			this.out.writeBytes(new byte[length]);
			return this;
		}

		/**
		 * Writes the central directory and its end record.
		 * @return the zip
		 */
		public byte[] build() {
			int centralOffset = this.out.size();
			for (CentralEntry entry : this.central) {
				writeInt(0x02014b50);
				writeShort(0x0314);
				writeShort(20);
				writeShort(0x0800);
				writeShort(8);
				writeShort(0);
				writeShort(0x21);
				writeInt(entry.crc());
				writeInt(entry.compressedSize());
				writeInt(entry.size());
				writeShort(entry.name().length);
				writeShort(0);
				writeShort(0);
				writeShort(0);
				writeShort(0);
				writeInt(0100644 << 16);
				writeInt(entry.offset());
				this.out.writeBytes(entry.name());
			}
			int centralSize = this.out.size() - centralOffset;
			writeInt(0x06054b50);
			writeShort(0);
			writeShort(0);
			writeShort(this.central.size());
			writeShort(this.central.size());
			writeInt(centralSize);
			writeInt(centralOffset);
			writeShort(0);
			return this.out.toByteArray();
		}

		private void writeShort(int value) {
			this.out.write(value & 0xff);
			this.out.write((value >>> 8) & 0xff);
		}

		private void writeInt(int value) {
			writeShort(value & 0xffff);
			writeShort((value >>> 16) & 0xffff);
		}

		private static byte[] deflate(byte[] content) {
			ByteArrayOutputStream compressed = new ByteArrayOutputStream();
			Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
			try (OutputStream out = new DeflaterOutputStream(compressed, deflater)) {
				out.write(content);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				deflater.end();
			}
			return compressed.toByteArray();
		}

		private record CentralEntry(byte[] name, int crc, int compressedSize, int size, int offset) {
		}

	}

}
