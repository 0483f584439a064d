import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes each code block of the README that the line {@code <!-- compiled: NAME -->} right before
 * its fence marks to OUT/NAME, without the fence's indentation, for the build to compile against
 * the SDK. A Kotlin or Java block without that line is an error: every one of them is compiled.
 *
 * <p>Usage: {@code java ReadmeSnippets.java README.md OUT}
 */
public class ReadmeSnippets {
    private static final Pattern MARKER = Pattern.compile("\\s*<!-- compiled: ([\\w.-]+\\.(?:kt|java)) -->\\s*");
    private static final Pattern FENCE = Pattern.compile("(\\s*)```(\\w*)\\s*");

    public static void main(String[] args) throws IOException {
        Path readme = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> lines = Files.readAllLines(readme);
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> snippets = new ArrayList<>();
        Files.createDirectories(out);
        try (var stale = Files.list(out)) {   // snippets renamed or gone since the last run
            for (Path file : stale.toList()) Files.delete(file);
        }

        for (int open = 0; open < lines.size(); open++) {
            Matcher fence = FENCE.matcher(lines.get(open));
            if (!fence.matches()) continue;
            String indent = fence.group(1);
            String language = fence.group(2);
            int close = open + 1;
            while (close < lines.size() && !lines.get(close).strip().equals("```")) close++;

            Matcher marker = MARKER.matcher(open > 0 ? lines.get(open - 1) : "");
            if (marker.matches()) {
                String name = marker.group(1);
                if (!names.add(name)) problems.add(readme + ":" + open + ": a second snippet named " + name);
                StringBuilder text = new StringBuilder();
                for (String line : lines.subList(open + 1, close)) {
                    text.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
                }
                snippets.add(name);
                Files.writeString(out.resolve(name), text);
            } else if (language.equals("kotlin") || language.equals("java")) {
                problems.add(readme + ":" + (open + 1) + ": a " + language
                        + " block without a line <!-- compiled: NAME." + (language.equals("kotlin") ? "kt" : "java")
                        + " --> before it (every Kotlin and Java block of the README is compiled)");
            }
            open = close;
        }

        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            System.exit(1);
        }
        System.out.println("README snippets to compile: " + String.join(", ", snippets));
    }
}
