package io.granary.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The web console (issue 20) in a real headless Chromium against a real embedded server: log in, create a
 * bucket, upload 20 MiB with visible progress (a multipart upload), see it listed, download it and share it,
 * byte for byte; a read-only user created on the Access page sees its upload refused; two emptied data-node
 * directories healed with the bar reaching 100%; every page passes axe-core and is reachable by keyboard.
 */
@Timeout(300)
class ConsoleIT {
    @RegisterExtension
    static final GranaryServerExtension SERVER = new GranaryServerExtension();
    @RegisterExtension
    static final ConsoleServerExtension CONSOLE = new ConsoleServerExtension(SERVER);
    @RegisterExtension
    static final ConsoleBrowser BROWSER = new ConsoleBrowser();

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int TWENTY_MIB = 20 * 1024 * 1024;

    private static String base;
    private static S3Client s3;
    private static WebDriver driver;

    @BeforeAll
    static void clients() {
        base = CONSOLE.base();
        s3 = S3Clients.sync(SERVER.endpoint(), S3Clients.ChecksumSetting.WHEN_REQUIRED);
        driver = BROWSER.driver();
    }

    @AfterAll
    static void closeClients() {
        if (s3 != null) s3.close();
    }

    @Test
    void uploadsTwentyMebibytesWithProgressThenListsDownloadsAndSharesThem() throws Exception {
        loginAsRoot();
        String bucket = GranaryServerExtension.newBucket();
        driver.get(base + "#/buckets");
        waitFor("#new-bucket").sendKeys(bucket);
        BROWSER.find("#create-bucket button").click();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> driver.findElement(By.linkText(bucket)) != null);
        driver.findElement(By.linkText(bucket)).click();
        waitFor("#upload-files");

        Path file = randomFile("big file.bin", TWENTY_MIB, 20);
        BROWSER.script("window.seen = [];"
                + "new MutationObserver(ms => ms.forEach(m => window.seen.push(Number(m.target.value))))"
                + ".observe(document.getElementById('uploads'), {subtree: true, attributes: true,"
                + " attributeFilter: ['value']});");
        BROWSER.find("#upload-files").sendKeys(file.toString());
        await().atMost(PATIENCE).until(() -> stateOf("big file.bin").equals("done"));
        @SuppressWarnings("unchecked")
        List<Number> seen = (List<Number>) BROWSER.script("return window.seen;");
        assertTrue(seen.stream().anyMatch(v -> v.longValue() > 0 && v.longValue() < TWENTY_MIB),
                "progress showed a part-way value: " + seen);
        assertEquals(TWENTY_MIB, seen.get(seen.size() - 1).longValue(), "progress ended at the file's size");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).longValue() >= seen.get(i - 1).longValue(), "progress never went back: " + seen);
        }
        assertTrue(s3.headObject(b -> b.bucket(bucket).key("big file.bin")).eTag().endsWith("-3\""),
                "20 MiB went up as a three-part multipart upload");

        await().atMost(PATIENCE).ignoreExceptions().until(() -> BROWSER.find("#object-list").getText()
                .contains("big file.bin") && BROWSER.find("#object-list").getText().contains("20.0 MiB"));

        BROWSER.find("a[aria-label='Download big file.bin']").click();
        Path downloaded = BROWSER.downloads().resolve("big file.bin");
        await().atMost(PATIENCE).until(() -> Files.exists(downloaded) && Files.size(downloaded) == TWENTY_MIB
                && noPartialDownloads());
        assertEquals(-1, Files.mismatch(file, downloaded), "the download is the uploaded file, byte for byte");

        BROWSER.script("const dt = new DataTransfer();"
                + "dt.items.add(new File(['dropped bytes'], 'dropped.txt', {type: 'text/plain'}));"
                + "document.getElementById('dropzone').dispatchEvent(new DragEvent('drop',"
                + " {dataTransfer: dt, bubbles: true, cancelable: true}));");
        await().atMost(PATIENCE).until(() -> stateOf("dropped.txt").equals("done"));
        assertEquals("dropped bytes", s3.getObjectAsBytes(b -> b.bucket(bucket).key("dropped.txt")).asUtf8String());

        BROWSER.find("button[aria-label='Share big file.bin']").click();
        BROWSER.find(".share button").click();
        await().atMost(PATIENCE).until(() -> BROWSER.find(".share-url").getAttribute("value").startsWith("http"));
        String link = BROWSER.find(".share-url").getAttribute("value");
        assertTrue(link.contains("X-Amz-Expires=3600"), link);
        HttpResponse<byte[]> shared = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, shared.statusCode(), "the presigned link works without a session");
        assertEquals(-1, Files.mismatch(file, Files.write(file.resolveSibling("shared.bin"), shared.body())));
    }

    @Test
    void readOnlyUserCreatedOnTheAccessPageSeesUploadsRefused() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("existing.txt"), RequestBody.fromString("already here"));
        String user = "reader-" + UUID.randomUUID().toString().substring(0, 8);
        String policy = "read-only-" + user;

        loginAsRoot();
        driver.get(base + "#/access");
        waitFor("#new-user").sendKeys(user);
        BROWSER.find("#create-user button").click();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> BROWSER.find("#users").getText().contains(user));

        BROWSER.find("#policy-name").sendKeys(policy);
        String readOnly = BROWSER.find("#policy-document").getAttribute("value");
        setValue("#policy-document", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\"}]}");
        BROWSER.find("#validate-policy").click();
        await().atMost(PATIENCE).until(() -> BROWSER.find("#policy-verdict").getText()
                .startsWith("MalformedPolicyDocument"));
        setValue("#policy-document", readOnly);
        BROWSER.find("#save-policy").click();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> BROWSER.find("#policies").getText().contains(policy));
        assertEquals("The policy is valid.", BROWSER.find("#policy-verdict").getText());

        BROWSER.find("#attach-policy-name").sendKeys(policy);
        BROWSER.find("#attach-user").sendKeys(user);
        BROWSER.find("#attach-policy button").click();
        await().atMost(PATIENCE).until(() -> BROWSER.find("#status").getText().contains("attached to " + user));

        BROWSER.find("button[aria-label='Access keys of " + user + "']").click();
        waitFor("#create-key").click();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> !BROWSER.find("#new-key-secret")
                .getAttribute("value").isEmpty());
        String keyId = BROWSER.find("#new-key-id").getAttribute("value");
        String secret = BROWSER.find("#new-key-secret").getAttribute("value");

        BROWSER.find("#logout").click();
        waitFor("#login-key");
        login(keyId, secret);
        assertFalse(BROWSER.find("#nav-cluster").isDisplayed(), "no cluster page for a non-admin");
        driver.get(base + "#/buckets/" + bucket);
        await().atMost(PATIENCE).ignoreExceptions().until(() -> BROWSER.find("#object-list").getText()
                .contains("existing.txt"));
        Path small = randomFile("refused.txt", 1000, 21);
        waitFor("#upload-files").sendKeys(small.toString());
        await().atMost(PATIENCE).until(() -> stateOf("refused.txt").startsWith("failed: AccessDenied"));
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(bucket).key("refused.txt")));
    }

    @Test
    void healBarReachesFullAfterTwoNodeDirectoriesAreEmptied() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        Random random = new Random(22);
        for (int i = 0; i < 6; i++) {
            byte[] bytes = new byte[100_000 + random.nextInt(400_000)];
            random.nextBytes(bytes);
            s3.putObject(b -> b.bucket(bucket).key("o" + bytes.length), RequestBody.fromBytes(bytes));
        }
        GranaryServerExtension.emptyDirectory(SERVER.dataDir().resolve("node-2"));
        GranaryServerExtension.emptyDirectory(SERVER.dataDir().resolve("node-5"));

        loginAsRoot();
        driver.get(base + "#/cluster");
        waitFor("#nodes table");
        String nodesTable = BROWSER.find("#nodes table").getText();
        assertTrue(nodesTable.contains("Last answer") && nodesTable.matches(
                "(?s).*node-1\\s+ONLINE.*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC.*"), nodesTable);
        assertTrue(BROWSER.find("#lifecycle-detail").getText().contains("kept by object lock"),
                BROWSER.find("#lifecycle-detail").getText());
        waitFor("#start-heal").click();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> "100".equals(BROWSER.find("#heal-progress")
                .getAttribute("value")) && BROWSER.find("#heal-state").getText().equals("done 100%"));
        Matcher repaired = Pattern.compile("(\\d+) repaired").matcher(BROWSER.find("#heal-detail").getText());
        assertTrue(repaired.find(), BROWSER.find("#heal-detail").getText());
        assertTrue(Integer.parseInt(repaired.group(1)) >= 12, "each object lost two shards: " + repaired.group());
        assertTrue(ShardFiles.committedShards(SERVER.dataDir().resolve("node-2")) >= 6, "node-2 was refilled");
        assertTrue(ShardFiles.committedShards(SERVER.dataDir().resolve("node-5")) >= 6, "node-5 was refilled");
    }

    @Test
    void theDetailsOfAVersionedObjectShowItsMetadataTagsAndEveryVersionEachDownloadable() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v
                .status(BucketVersioningStatus.ENABLED)));
        String first = s3.putObject(b -> b.bucket(bucket).key("doc.txt"), RequestBody.fromString("first draft"))
                .versionId();
        s3.putObject(b -> b.bucket(bucket).key("doc.txt").metadata(Map.of("owner", "ann")).tagging("team=blue"),
                RequestBody.fromString("second"));
        loginAsRoot();
        driver.get(base + "#/buckets/" + bucket);
        waitFor("button[aria-label='Details of doc.txt']").click();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> BROWSER.find("#object-list").getText()
                .contains("Versions of doc.txt"));
        String details = BROWSER.find(".details").getText();
        assertTrue(details.contains("x-amz-meta-owner") && details.contains("ann"), details);
        assertTrue(details.contains("team") && details.contains("blue"), details);
        assertTrue(details.contains(first) && details.contains("latest"), details);
        String href = BROWSER.find("a[aria-label='Download version " + first + " of doc.txt']").getAttribute("href");
        Object old = BROWSER.script("const x = new XMLHttpRequest(); x.open('GET', arguments[0], false); x.send();"
                + " return x.status + ' ' + x.responseText;", href);
        assertEquals("200 first draft", old, "the older version downloads as it was written");
    }

    @Test
    void everyPagePassesAxeAndIsReachableByKeyboard() throws Exception {
        String bucket = GranaryServerExtension.newBucket();
        s3.createBucket(b -> b.bucket(bucket));
        s3.putObject(b -> b.bucket(bucket).key("folder/inside.txt"), RequestBody.fromString("x"));
        s3.putObject(b -> b.bucket(bucket).key("top.txt"), RequestBody.fromString("y"));
        driver.manage().deleteAllCookies();
        driver.get(base);
        waitFor("#login-key");
        checkPage("login");

        loginAsRoot();
        driver.get(base + "#/cluster");
        waitFor("#nodes table");
        waitFor("#chart figure");
        checkPage("cluster");
        driver.get(base + "#/buckets");
        await().atMost(PATIENCE).ignoreExceptions().until(() -> driver.findElement(By.linkText(bucket)) != null);
        checkPage("bucket list");
        driver.findElement(By.linkText(bucket)).click();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> BROWSER.find("#object-list").getText()
                .contains("top.txt"));
        checkPage("bucket browser");
        BROWSER.find("button[aria-label='Details of top.txt']").click();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> BROWSER.find("#object-list").getText()
                .contains("Versions of top.txt"));
        checkPage("object details");
        driver.get(base + "#/access");
        waitFor("#users table");
        checkPage("access");
    }

    private static void checkPage(String page) throws IOException {
        BROWSER.assertAccessible(page);
        BROWSER.assertKeyboardReachable(page);
    }

    private static void loginAsRoot() {
        login(GranaryServerExtension.ACCESS_KEY, GranaryServerExtension.SECRET_KEY);
    }

    private static void login(String key, String secret) {
        driver.manage().deleteAllCookies();
        driver.get(base);
        waitFor("#login-key").sendKeys(key);
        BROWSER.find("#login-secret").sendKeys(secret);
        BROWSER.find("#login-submit").click();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> BROWSER.find("#who-key").getText()
                .equals("Logged in as " + key) && BROWSER.find("#page").getText().length() > 0);
    }

    private static WebElement waitFor(String css) {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> BROWSER.find(css).isDisplayed());
        return BROWSER.find(css);
    }

    private static void setValue(String css, String value) {
        BROWSER.script("arguments[0].value = arguments[1];", BROWSER.find(css), value);
    }

    private static String stateOf(String key) {
        List<WebElement> rows = driver.findElements(
                By.cssSelector("li.upload[data-key='" + key + "'] .state"));
        return rows.isEmpty() ? "" : rows.get(0).getText();
    }

    private static boolean noPartialDownloads() throws IOException {
        try (var files = Files.list(BROWSER.downloads())) {
            return files.noneMatch(p -> p.getFileName().toString().endsWith(".crdownload"));
        }
    }

    private static Path randomFile(String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Path dir = Files.createTempDirectory("granary-console-upload-");
        return Files.write(dir.resolve(name), bytes);
    }
}
