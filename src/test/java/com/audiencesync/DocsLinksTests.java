package com.audiencesync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the documentation (README.md, docs/, k8s/README.md,
 * BENCHMARKS.md) points at a file that exists and, with an {@code #anchor}, at one of its
 * headings, as GitHub makes their anchors.
 */
class DocsLinksTests {

	private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

	private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

	@Test
	void everyRelativeLinkPointsAtAFileAndHeadingThatExist() throws IOException {
		List<Path> pages = pages(Path.of("."));
		assertThat(pages).contains(Path.of("README.md"), Path.of("docs/README.md"), Path.of("BENCHMARKS.md"),
				Path.of("k8s/README.md"));

		List<String> broken = new ArrayList<>();
		for (Path page : pages) {
			broken.addAll(brokenLinks(Path.of("."), page));
		}

		assertThat(broken).as("links that point nowhere").isEmpty();
	}

	@Test
	void aLinkToAMissingFileOrHeadingIsFound(@TempDir Path root) throws IOException {
		Files.createDirectories(root.resolve("docs"));
		Files.writeString(root.resolve("docs/a.md"), """
				# A page
				## Braze: the `users/merge` limit
				[fine](b.md#b-and-c) [fine too](#a-page) [web](https://example.com/x.md) `[code](nowhere.md)`
				[gone](c.md) [no heading](b.md#no-such-heading) [folder](../docs)
				```
				[in a block](nowhere.md)
				```
				[own heading](#braze-the-usersmerge-limit)
				""");
		Files.writeString(root.resolve("docs/b.md"), "# B and C\n");

		assertThat(brokenLinks(root, Path.of("docs/a.md"))).containsExactly("docs/a.md: c.md (no such file)",
				"docs/a.md: b.md#no-such-heading (no such heading)");
	}

	@Test
	void anchorsAreMadeAsGitHubMakesThem() {
		assertThat(anchors("## HTTP 404, 405 or a redirect: check base-url\n### Restarts and connections\n"
				+ "## Upgrading a repository made before 2026-12\n# `names/` and `Names`\n## Dup\n## Dup\n"))
			.containsExactly("http-404-405-or-a-redirect-check-base-url", "restarts-and-connections",
					"upgrading-a-repository-made-before-2026-12", "names-and-names", "dup", "dup-1");
	}

	static List<Path> pages(Path root) throws IOException {
		List<Path> pages = new ArrayList<>(
				List.of(Path.of("README.md"), Path.of("BENCHMARKS.md"), Path.of("k8s/README.md")));
		try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).map(root::relativize).sorted().forEach(pages::add);
		}
		return pages;
	}

	static List<String> brokenLinks(Path root, Path page) {
		List<String> broken = new ArrayList<>();
		Matcher link = LINK.matcher(withoutCode(read(root.resolve(page))));
		while (link.find()) {
			String target = link.group(1);
			if (SCHEME.matcher(target).find()) {
				continue;
			}
			int hash = target.indexOf('#');
			String file = (hash < 0) ? target : target.substring(0, hash);
			Path resolved = file.isEmpty() ? root.resolve(page)
					: root.resolve(page).getParent().resolve(file).normalize();
			if (!Files.exists(resolved)) {
				broken.add(page + ": " + target + " (no such file)");
			}
			else if (hash >= 0 && resolved.toString().endsWith(".md")
					&& !anchors(read(resolved)).contains(target.substring(hash + 1))) {
				broken.add(page + ": " + target + " (no such heading)");
			}
		}
		return broken;
	}

	/** The anchors GitHub gives a page's headings (github-slugger). */
	static Set<String> anchors(String markdown) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		Matcher heading = HEADING.matcher(withoutFences(markdown));
		while (heading.find()) {
			String slug = heading.group(1)
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
				.replace(' ', '-');
			int times = seen.merge(slug, 1, Integer::sum);
			anchors.add((times == 1) ? slug : slug + "-" + (times - 1));
		}
		return anchors;
	}

	private static String withoutCode(String markdown) {
		return withoutFences(markdown).replaceAll("`[^`\\n]*`", "");
	}

	private static String withoutFences(String markdown) {
		return markdown.replaceAll("(?ms)^```.*?^```[^\\n]*$", "");
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
