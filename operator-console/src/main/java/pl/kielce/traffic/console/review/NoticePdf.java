package pl.kielce.traffic.console.review;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import pl.kielce.traffic.console.review.CaseRecords.Detail;
import pl.kielce.traffic.console.review.CaseRecords.Notice;

import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;

/** The notice (zawiadomienie) of a confirmed case, as a PDF in Polish. Pure: facts in, bytes out. */
public final class NoticePdf {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(Cases.CITY_ZONE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(Cases.CITY_ZONE);

    private NoticePdf() {
    }

    public static byte[] render(Detail c, Notice n, String cameraName) {
        try {
            BaseFont base = font("DejaVuSans.ttf");
            BaseFont bold = font("DejaVuSans-Bold.ttf");
            Font text = new Font(base, 10.5f);
            Font small = new Font(base, 8.5f);
            Font head = new Font(bold, 14f);
            Font label = new Font(bold, 10.5f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Document doc = new Document(PageSize.A4, 56, 56, 56, 56);
            PdfWriter.getInstance(doc, out);
            doc.addTitle("Zawiadomienie " + n.number());
            doc.addCreator("Konsola ruchu Kielce");
            doc.open();
            Paragraph city = new Paragraph("Straż Miejska w Kielcach\nul. Czarnowska – Centrum Sterowania Ruchem", text);
            doc.add(city);
            Paragraph date = new Paragraph("Kielce, " + DAY.format(n.issuedAt()), text);
            date.setAlignment(Element.ALIGN_RIGHT);
            doc.add(date);
            Paragraph title = new Paragraph("ZAWIADOMIENIE nr " + n.number() + "\n"
                    + "o naruszeniu zasad wjazdu do Strefy Czystego Transportu", head);
            title.setAlignment(Element.ALIGN_CENTER);
            title.setSpacingBefore(18);
            title.setSpacingAfter(14);
            doc.add(title);
            doc.add(new Paragraph("Na podstawie nagrania z kamery automatycznego rozpoznawania tablic rejestracyjnych, "
                    + "po weryfikacji materiału dowodowego przez funkcjonariusza, stwierdzono wjazd pojazdu do Strefy "
                    + "Czystego Transportu bez spełnienia wymagań obowiązujących w tej strefie (art. 39–40 ustawy "
                    + "o elektromobilności i paliwach alternatywnych).", text));
            PdfPTable t = new PdfPTable(new float[]{2.2f, 4f});
            t.setWidthPercentage(100);
            t.setSpacingBefore(12);
            t.setSpacingAfter(12);
            row(t, "Numer rejestracyjny", c.plate() + " (" + c.country() + ")", label, text);
            row(t, "Data i godzina wjazdu", WHEN.format(c.firstSeen()), label, text);
            row(t, "Miejsce (kamera)", cameraName == null ? nz(c.cameraId()) : cameraName + " (" + c.cameraId() + ")", label, text);
            row(t, "Strefa / etap", c.zoneId() + " / " + c.stageId(), label, text);
            row(t, "Uchwała (polityka), wersja", c.policyId() + ", wersja " + c.policyVersion(), label, text);
            row(t, "Naruszona zasada", c.reason(), label, text);
            row(t, "Uzasadnienie", c.explanation(), label, text);
            row(t, "Sprawę zweryfikował(a)", nz(c.review().decidedBy()), label, text);
            row(t, "Kara grzywny", "do " + n.amountPln() + " zł (art. 96c Kodeksu wykroczeń)", label, text);
            doc.add(t);
            doc.add(new Paragraph("Pouczenie: właściciel lub posiadacz pojazdu może w terminie 7 dni od doręczenia "
                    + "zawiadomienia złożyć wyjaśnienia lub odwołanie oraz obejrzeć materiał dowodowy (zdjęcia) "
                    + "w siedzibie Straży Miejskiej. Kamera nie nakłada kary: o skierowaniu sprawy decyduje człowiek "
                    + "po weryfikacji dowodów.", text));
            Paragraph foot = new Paragraph("Sprawa " + c.id() + " · dokument wygenerowany przez konsolę ruchu Kielce · "
                    + "wystawił(a): " + n.issuedBy(), small);
            foot.setSpacingBefore(24);
            doc.add(foot);
            doc.close();
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot render notice " + n.number(), e);
        }
    }

    /** DejaVu Sans, embedded (every Polish letter, same look in every viewer); bundled under /fonts with its licence. */
    private static BaseFont font(String name) throws Exception {
        try (var in = NoticePdf.class.getResourceAsStream("/fonts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("font /fonts/" + name + " missing from the classpath");
            }
            return BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        }
    }

    private static void row(PdfPTable t, String k, String v, Font label, Font text) {
        t.addCell(new Paragraph(k, label));
        t.addCell(new Paragraph(v, text));
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }
}
