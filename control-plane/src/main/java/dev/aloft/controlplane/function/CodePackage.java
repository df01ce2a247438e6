package dev.aloft.controlplane.function;

import dev.aloft.contracts.config.FunctionVersionConfig;
import org.jspecify.annotations.Nullable;

/**
 * What a function runs: a stored zip, or a container image.
 *
 * @param packageType {@code Zip} or {@code Image}
 * @param zipSha256 the hex SHA-256 of the stored zip; null for an image
 * @param sizeBytes the zip's size; 0 for an image
 * @param imageUri the image reference; null for a zip
 */
record CodePackage(String packageType, @Nullable String zipSha256, long sizeBytes, @Nullable String imageUri) {

	static CodePackage zip(CodeIntake.StoredCode code) {
		return new CodePackage(FunctionVersionConfig.ZIP, code.sha256(), code.sizeBytes(), null);
	}

	static CodePackage image(ImageReference image) {
		return new CodePackage(FunctionVersionConfig.IMAGE, null, 0, image.uri());
	}

}
