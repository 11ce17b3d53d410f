package pl.kielce.traffic.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Polish and English messages have the same keys, and no Polish message was left in English by mistake. */
class MessagesTest {
    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void polishAndEnglishHaveTheSameKeys() throws IOException {
        Properties en = load("messages.properties");
        Properties pl = load("messages_pl.properties");
        Set<String> enKeys = new TreeSet<>(en.stringPropertyNames());
        Set<String> plKeys = new TreeSet<>(pl.stringPropertyNames());
        assertThat(plKeys).containsExactlyElementsOf(enKeys);
        long identical = enKeys.stream().filter(k -> en.getProperty(k).equals(pl.getProperty(k))
                && en.getProperty(k).matches(".*[a-z]{4,}.*")).count();
        assertThat(identical).as("messages identical in both languages").isLessThanOrEqualTo(3);
    }
}
