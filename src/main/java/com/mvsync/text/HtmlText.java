package com.mvsync.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * HTML (a Magento product or category description) as readable plain text, for a Vtiger text field that would show
 * the tags: each paragraph, heading, {@code <br>}-separated line and list item a line of its own (list items start
 * with "- "), entities decoded, scripts and styles dropped, blank lines and runs of spaces removed. Text without a
 * tag or an entity is returned as it is.
 */
public final class HtmlText {

    private static final Pattern MARKUP = Pattern.compile("<[A-Za-z/!]|&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);");
    /** Elements that start and end a line. */
    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
            "tr", "table", "blockquote", "pre", "section", "article", "header", "footer", "dt", "dd", "dl", "hr",
            "address", "figure", "figcaption", "main", "nav", "aside");
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "template", "noscript");

    private HtmlText() {
    }

    public static boolean isHtml(String text) {
        return text != null && MARKUP.matcher(text).find();
    }

    public static String toText(String html) {
        if (!isHtml(html)) {
            return html;
        }
        Element body = Jsoup.parseBodyFragment(html).body();
        Lines lines = new Lines();
        NodeTraversor.filter(lines, body);
        return lines.text();
    }

    /** Collects text into lines while walking the document. */
    private static final class Lines implements NodeFilter {
        private final List<String> done = new ArrayList<>();
        private final StringBuilder line = new StringBuilder();

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode text) {
                line.append(text.text());
            } else if (node instanceof Element element) {
                String tag = element.normalName();
                if (SKIPPED.contains(tag)) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (tag.equals("br") || BLOCKS.contains(tag)) {
                    breakLine();
                }
                if (tag.equals("li")) {
                    line.append("- ");
                } else if (tag.equals("td") || tag.equals("th")) {
                    line.append(' ');
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                breakLine();
            }
            return FilterResult.CONTINUE;
        }

        private void breakLine() {
            String text = line.toString().replace('\u00a0', ' ').replaceAll(" {2,}", " ").strip();
            if (!text.isEmpty() && !text.equals("-")) {
                done.add(text);
            }
            line.setLength(0);
        }

        String text() {
            breakLine();
            return String.join("\n", done);
        }
    }
}
