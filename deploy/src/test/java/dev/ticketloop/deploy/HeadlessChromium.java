package dev.ticketloop.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its ChromeDriver (both installed by
 * {@code bin/install-browser}); axe-core's script for the accessibility check. Nothing is
 * downloaded here: a missing browser fails the test with what to run.
 */
final class HeadlessChromium {

	static final Path CHROMIUM = Path.of(env("TICKETLOOP_CHROMIUM", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(env("TICKETLOOP_CHROMEDRIVER", "/usr/bin/chromedriver"));

	static final Path AXE = Path
		.of(env("TICKETLOOP_AXE", System.getProperty("user.home") + "/.cache/ticketloop/axe-core-4.10.3/axe.min.js"));

	private HeadlessChromium() {
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	/** A new browser with an empty profile, 1400×1000, English unless told otherwise. */
	static ChromeDriver start(String language) {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new IllegalStateException("Chromium (" + CHROMIUM + ") or ChromeDriver (" + CHROMEDRIVER
					+ ") is missing: run bin/install-browser (bin/test does)");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// the flags this machine's closed network needs (no background connections)
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1400,1000", "--lang=" + language);
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/** A screenshot of the page as it is, into {@code docs/screenshots/<name>.png}. */
	static void screenshot(ChromeDriver driver, String name) throws IOException {
		Path directory = Path.of("..", "docs", "screenshots");
		Files.createDirectories(directory);
		Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
	}

	/**
	 * Runs axe-core on the page; the serious and critical violations (id and the
	 * elements), none when the page is fine.
	 */
	@SuppressWarnings("unchecked")
	static List<String> seriousAccessibilityViolations(ChromeDriver driver) throws IOException {
		if (!Files.isReadable(AXE)) {
			throw new IllegalStateException(
					"axe-core (" + AXE + ") is missing: run bin/install-browser (bin/test does)");
		}
		driver.executeScript(Files.readString(AXE));
		Object result = driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations'] })
				  .then((r) => done(r.violations
				    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
				    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', '))))
				  .catch((e) => done(['axe failed: ' + e]));
				""");
		return (List<String>) result;
	}

}
