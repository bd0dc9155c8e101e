package uk.schooldata.approvals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for tests of what a person sees: Debian's {@code chromium}, driven through its
 * {@code chromium-driver}, headless. Where neither is installed the test is skipped, saying so; {@code .ci/run}
 * installs both. Screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final WebDriver driver;

	private final String baseUrl;

	private Browser(String baseUrl) {
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1400,1800");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		this.driver = new ChromeDriver(service, options);
		this.baseUrl = baseUrl;
	}

	/**
	 * A headless browser on this machine, or the test is skipped with the reason.
	 */
	public static Browser open(int port) {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"No browser here: install Debian's chromium and chromium-driver (.ci/run does) to run this test");
		return new Browser("http://localhost:" + port);
	}

	public WebDriver driver() {
		return driver;
	}

	public void go(String path) {
		driver.get(baseUrl + path);
	}

	/**
	 * Signs in through the webapps' own login form, as a person would.
	 */
	public void signInToCamunda(String app, String user, String password) {
		go("/camunda/app/" + app + "/default/");
		WebElement username = await(By.cssSelector("input[ng-model='username']"));
		username.sendKeys(user);
		driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
		driver.findElement(By.cssSelector("button[type='submit']")).click();
		new WebDriverWait(driver, Duration.ofSeconds(20))
			.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
	}

	/**
	 * Waits for the element to show; when it does not, keeps a screenshot and the page's source in
	 * {@code target/screenshots} to see why.
	 */
	public WebElement await(By locator) {
		try {
			return new WebDriverWait(driver, Duration.ofSeconds(20))
				.until(ExpectedConditions.visibilityOfElementLocated(locator));
		}
		catch (TimeoutException ex) {
			keepEvidence("timeout");
			throw ex;
		}
	}

	/**
	 * Waits for the element to exist, scrolls it into view (Cockpit's pages scroll inside their own container) and
	 * waits for it to show.
	 */
	public WebElement reveal(By locator) {
		try {
			WebElement element = new WebDriverWait(driver, Duration.ofSeconds(20))
				.until(ExpectedConditions.presenceOfElementLocated(locator));
			((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
			return new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOf(element));
		}
		catch (TimeoutException ex) {
			keepEvidence("timeout");
			throw ex;
		}
	}

	private void keepEvidence(String name) {
		try {
			screenshot(name);
			Files.writeString(Path.of("target", "screenshots", name + ".html"), driver.getPageSource());
		}
		catch (IOException | RuntimeException ex) {
			// The timeout is what the test reports; the evidence is only a help.
		}
	}

	public void screenshot(String name) throws IOException {
		Path target = Path.of("target", "screenshots", name + ".png");
		Files.createDirectories(target.getParent());
		Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
	}

	@Override
	public void close() {
		driver.quit();
	}
}
