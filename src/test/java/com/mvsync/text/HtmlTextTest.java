package com.mvsync.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void paragraphsBreaksAndListItemsBecomeLinesAndEntitiesAreDecoded() {
        assertThat(HtmlText.toText("<h2>Trailhead</h2><p>Roomy &amp; light,\n   <b>28&nbsp;L</b>.</p>"
                + "<ul>\n<li>Laptop sleeve</li><li>Lockable zips</li></ul>One<br/>Two<br><br>Three &lt;3"))
                .isEqualTo("Trailhead\nRoomy & light, 28 L.\n- Laptop sleeve\n- Lockable zips\nOne\nTwo\nThree <3");
    }

    @Test
    void scriptsAndStylesAreDroppedAndTableCellsKeptApart() {
        assertThat(HtmlText.toText("<style>p{color:red}</style><table><tr><td>Size</td><td>28 L</td></tr></table>"
                + "<script>alert(1)</script>")).isEqualTo("Size 28 L");
    }

    @Test
    void plainTextIsReturnedAsItIs() {
        String text = "Refund 24.5 USD on 2024-06-05  (credit memo 000005001) a < b & c";
        assertThat(HtmlText.isHtml(text)).isFalse();
        assertThat(HtmlText.toText(text)).isSameAs(text);
        assertThat(HtmlText.toText(null)).isNull();
    }
}
