/*
 * page_pass.cc — one interpretation of a page by core poppler, giving its
 * text and its painted paths. Stage one's only C++ file and its only use
 * of poppler's private API (libpoppler-private-dev); the rest of stage one
 * reads poppler through poppler-glib (document, page sizes, rendering for
 * review). Interface: include/extract_pass.h.
 *
 * Why: poppler-glib has no path API. Its text comes from a TextOutputDev
 * pass, and the only way to its paths was a second pass rendering the
 * page through cairo while watching the drawing: every glyph rasterised,
 * the outlines of fake-bold text stroked, every embedded font loaded, the
 * content parsed again; more than the text itself (issue 11). Here the
 * device that collects the text (a TextOutputDev, as poppler-glib makes
 * it) also sees each path when it is filled or stroked, with the graphics
 * state: one parse, nothing drawn.
 *
 * NOTES
 *   (1) The text is poppler-glib's, character for character: the same
 *       device options, the page's contents only (no annotations), the
 *       same walk over TextPage::getSelectionWords() for the whole page
 *       that poppler_page_get_text_layout() makes. A character after a
 *       word that ends a selection fragment, or first on a line, follows
 *       one of the spaces or line breaks poppler-glib puts in its text.
 *   (2) Images, patterns and shadings are never rules: the device takes
 *       them (8) without drawing or decoding them. Text is not drawn and
 *       no Type 3 glyph procedure runs: glyph outlines are never rules.
 *   (3) What is drawn inside a soft mask is never seen on the page: it
 *       is left out. Other transparency groups are seen (cairo's observer
 *       never saw them; no corpus producer draws grids in one).
 *   (4) Width as cairo had it when poppler printed: a zero width (PDF:
 *       "the thinnest line the device can draw") is one printer dot of
 *       1/600 inch; otherwise the mean length of the two user-space unit
 *       vectors scaled by the width through the CTM.
 *   (5) The clip: poppler keeps its bounding box (the page, then each
 *       clip path's box intersected), exact while every clip path is an
 *       upright rectangle (nearly always). Otherwise the device keeps the
 *       clip paths themselves (curves flattened to CURVE_STEPS chords),
 *       saved and restored with the graphics state, and cuts a line to
 *       them exactly: where the line crosses their edges, with the
 *       nonzero or even-odd rule deciding what is inside. Clipping by
 *       text or by a stroke's outline is not followed.
 *   (6) The document is opened from the same file (or, for standard
 *       input, the same bytes) that poppler-glib reads, as its own PDFDoc:
 *       the two share no state; the cost is one more cross-reference parse
 *       per document. Read by name, poppler reads what it needs when it
 *       needs it, so a long file is never held whole in memory.
 *  (6a) Colour management is paid for nothing: a catalog's /OutputIntents
 *       (an ICC profile, in Word/Excel exports) makes poppler 22.12 build
 *       lcms2 transforms every time it starts interpreting a page, about
 *       half of the CPU on such files, and neither text positions nor
 *       ruling lines depend on it. So the catalog this reader sees is a
 *       copy without that key, put in place through the cross-reference
 *       table's own update call (XRef::setModifiedObject, what an editor
 *       uses for a changed object): the file is not touched, and a catalog
 *       inside an object stream is handled like any other.
 *   (7) Code points poppler cannot name (0, surrogates, beyond U+10FFFF)
 *       are U+FFFD.
 *   (8) A plain text device asks for no "non-text" work and Gfx then
 *       skips images, patterns and shadings altogether. This device asks
 *       for them, to know where a character lies on something painted
 *       (9), and answers "done" for patterns and shadings (Gfx would
 *       otherwise paint them as thousands of small fills), recording
 *       their clip's box; images are not decoded (the base device only
 *       skips an inline image's data). Text inside a tiling pattern was
 *       never read and is not now.
 *   (9) Hidden text (issue 12): a character a reader cannot see is not
 *       given to the text device, only counted (counts.hidden): drawn in
 *       render mode 3 (invisible) where no image lies beneath, smaller
 *       than MIN_LEGIBLE on the page, wholly outside the clip's box (a
 *       glyph cut by a cell's clip still shows in part and is kept),
 *       almost transparent, or white (luminance >= WHITE) where
 *       nothing dark, no image, pattern or shading was painted beneath
 *       it first (white on a dark header cell is seen). Whitespace is
 *       never hidden: it carries no text, and poppler needs it to split
 *       words as before. Invisible text
 *       over an image is a scan's OCR layer: it is the page's text, kept
 *       and counted (counts.ocr). The middle is taken at 0.3 em above the
 *       baseline, half an advance in.
 *   (10) Text that cannot be trusted (issue 12): a visible character with
 *       no Unicode at all, or a private-use one (but not one of
 *       U+F000-U+F0FF, where symbol fonts such as Wingdings and Symbol put
 *       their bullets and dingbats, nor any in a font flagged symbolic),
 *       or drawn with an
 *       embedded font that has no ToUnicode map and nothing else to go
 *       by: a CID font of the Identity collection, or a symbolic simple
 *       font without an /Encoding (its codes come out as '!"#$'). Such
 *       characters are kept (they are what the file says) and counted
 *       (counts.untrusted), so the page can be named; and every character
 *       of a word that holds one says so (ex_pass_char.untrusted), so that
 *       the cells built from it are flagged. poppler's words know only the
 *       span of content-stream positions they came from, so the device
 *       keeps the position of each untrusted character, counted the way
 *       poppler's text page counts them (the bytes of each character it
 *       is given, and incCharCount).
 *   (11) poppler's Catalog::getPage keeps every page up to the one asked
 *       for (its dictionary, attributes and resources) for the
 *       document's life: 4 MB more on a 2,170-page document. So a
 *       document of more than WINDOW pages is read in windows of WINDOW
 *       pages: for each, a fresh PDFDoc whose page tree (seen through
 *       XRef::setModifiedObject, as in (6a)) is one /Pages node holding
 *       just that window's pages, each a copy of its dictionary with the
 *       attributes it inherits (Resources, MediaBox, CropBox, Rotate)
 *       written in, as poppler would have inherited them. Memory then
 *       holds one window's pages and an index of page objects (8 bytes a
 *       page). A tree the index cannot follow (a loop, a kid that is no
 *       dictionary, a count that disagrees with the catalog's) leaves the
 *       document to poppler's own getPage, which can repair one.
 */
#include "extract_pass.h"
#include "text.h"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <Annot.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <Gfx.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <TextOutputDev.h>

#include <cmath>

namespace {

class PageDevice : public TextOutputDev
{
public:
    /* (1): poppler-glib's text device */
    PageDevice(ex_subpath_fn fn, void *data) : TextOutputDev(nullptr, true, 0, false, false), fn_(fn), data_(data) { }

    ex_pass_counts counts = {};
    std::vector<int> untrusted_at;  /* (10) positions, ascending */

    /* (8): images, patterns and shadings are seen (as what text can lie
       on), never drawn */
    bool needNonText() override { return true; }
    bool useTilingPatternFill() override { return true; }
    bool useShadedFills(int) override { return true; }
    bool tilingPatternFill(GfxState *state, Gfx *, Catalog *, GfxTilingPattern *, const double *, int, int, int, int, double, double) override { return under_clip(state); }
    bool functionShadedFill(GfxState *state, GfxFunctionShading *) override { return under_clip(state); }
    bool axialShadedFill(GfxState *state, GfxAxialShading *, double, double) override { return under_clip(state); }
    bool radialShadedFill(GfxState *state, GfxRadialShading *, double, double) override { return under_clip(state); }
    bool gouraudTriangleShadedFill(GfxState *state, GfxGouraudTriangleShading *) override { return under_clip(state); }
    bool patchMeshShadedFill(GfxState *state, GfxPatchMeshShading *) override { return under_clip(state); }
    void drawImageMask(GfxState *state, Object *ref, Stream *str, int width, int height, bool invert, bool interpolate, bool inlineImg) override
    {
        under_image(state);
        OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inlineImg);
    }
    void drawImage(GfxState *state, Object *ref, Stream *str, int width, int height, GfxImageColorMap *colorMap, bool interpolate, const int *maskColors, bool inlineImg) override
    {
        under_image(state);
        OutputDev::drawImage(state, ref, str, width, height, colorMap, interpolate, maskColors, inlineImg);
    }
    void drawMaskedImage(GfxState *state, Object *ref, Stream *str, int width, int height, GfxImageColorMap *colorMap, bool interpolate, Stream *maskStr, int maskWidth, int maskHeight, bool maskInvert, bool maskInterpolate) override
    {
        under_image(state);
        OutputDev::drawMaskedImage(state, ref, str, width, height, colorMap, interpolate, maskStr, maskWidth, maskHeight, maskInvert, maskInterpolate);
    }
    void drawSoftMaskedImage(GfxState *state, Object *ref, Stream *str, int width, int height, GfxImageColorMap *colorMap, bool interpolate, Stream *maskStr, int maskWidth, int maskHeight, GfxImageColorMap *maskColorMap, bool maskInterpolate) override
    {
        under_image(state);
        OutputDev::drawSoftMaskedImage(state, ref, str, width, height, colorMap, interpolate, maskStr, maskWidth, maskHeight, maskColorMap, maskInterpolate);
    }

    /* (9): a character nobody can see does not reach the text */
    void drawChar(GfxState *state, double x, double y, double dx, double dy, double originX, double originY, CharCode c, int nBytes, const Unicode *u, int uLen) override
    {
        bool space = uLen > 0 && pr_is_space(u[0]);    /* never hidden: no text */
        if (!space && (masks_ > 0 || hidden(state, x, y, dx, dy))) {
            counts.hidden++;
            return;
        }
        if (untrusted(state, u, uLen)) {
            counts.untrusted++;
            untrusted_at.push_back(pos_);
        }
        pos_ += nBytes;
        TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, c, nBytes, u, uLen);
    }
    void incCharCount(int nChars) override
    {
        pos_ += nChars;                                     /* (10) */
        TextOutputDev::incCharCount(nChars);
    }

    /* (2) */
    void beginTransparencyGroup(GfxState *, const double *, GfxColorSpace *, bool, bool, bool forSoftMask) override
    {
        groups_.push_back(forSoftMask);
        masks_ += forSoftMask;
    }
    void endTransparencyGroup(GfxState *) override
    {
        if (!groups_.empty()) {
            masks_ -= groups_.back();
            groups_.pop_back();
        }
    }

    /* (5) */
    void saveState(GfxState *) override { saved_.push_back(clips_.size()); }
    void restoreState(GfxState *) override
    {
        if (!saved_.empty()) {
            clips_.resize(saved_.back());
            saved_.pop_back();
        }
    }
    void clip(GfxState *state) override { add_clip(state, false); }
    void eoClip(GfxState *state) override { add_clip(state, true); }

    void stroke(GfxState *state) override
    {
        paint(state, true);
        TextOutputDev::stroke(state);
    }
    void fill(GfxState *state) override
    {
        paint(state, false);
        TextOutputDev::fill(state);
    }
    void eoFill(GfxState *state) override
    {
        paint(state, false);
        TextOutputDev::eoFill(state);
    }

private:
    int pos_ = 0;               /* (10) the text page's next position */
    struct Area {
        double x0, y0, x1, y1;
        bool image;
    };

    /* What has been painted that a character could lie on: a dark fill,
       an image, a pattern or a shading (their clip's box). */
    void add_under(double x0, double y0, double x1, double y1, bool image)
    {
        if (masks_ == 0 && x1 > x0 && y1 > y0)
            under_.push_back({x0, y0, x1, y1, image});
    }

    bool under_clip(GfxState *state)
    {
        double x0, y0, x1, y1;
        state->getClipBBox(&x0, &y0, &x1, &y1);
        add_under(x0, y0, x1, y1, false);
        return true;
    }

    void under_image(GfxState *state)
    {
        counts.images++;
        double xs[4], ys[4];
        state->transform(0, 0, &xs[0], &ys[0]);
        state->transform(1, 0, &xs[1], &ys[1]);
        state->transform(0, 1, &xs[2], &ys[2]);
        state->transform(1, 1, &xs[3], &ys[3]);
        add_under(*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4),
                  *std::max_element(xs, xs + 4), *std::max_element(ys, ys + 4), true);
    }

    static double luminance(const GfxRGB &rgb)
    {
        return 0.2126 * colToDbl(rgb.r) + 0.7152 * colToDbl(rgb.g) + 0.0722 * colToDbl(rgb.b);
    }

    /* (9): whether the character at user-space (x, y), advancing (dx, dy),
       cannot be seen: invisible (render mode 3) but over no image, smaller
       than MIN_LEGIBLE, its middle outside the clip, transparent, or
       white-on-nothing. */
    bool hidden(GfxState *state, double x, double y, double dx, double dy)
    {
        int mode = state->getRender() & 3;
        if (mode == 3) {
            if (lies_on(state, x, y, dx, dy, true)) {
                counts.ocr++;           /* a scan's text layer: its text */
                return false;
            }
            return true;
        }
        if (state->getTransformedFontSize() < MIN_LEGIBLE)
            return true;
        if (clipped_away(state, x, y, dx, dy))
            return true;
        bool stroked = mode == 1;
        GfxColorSpace *space = stroked ? state->getStrokeColorSpace() : state->getFillColorSpace();
        double alpha = stroked ? state->getStrokeOpacity() : state->getFillOpacity();
        if (alpha < MIN_ALPHA)
            return true;
        if (!space || space->getMode() == csPattern)
            return false;
        GfxRGB rgb;
        if (stroked)
            state->getStrokeRGB(&rgb);
        else
            state->getFillRGB(&rgb);
        /* only a white character asks what lies under it: the painted
           areas are many on a ruled page, the white characters few */
        return luminance(rgb) >= WHITE && !lies_on(state, x, y, dx, dy, false);
    }

    /* Whether the character's middle lies on something painted before it
       (images only, if images_only). */
    bool lies_on(GfxState *state, double x, double y, double dx, double dy, bool images_only) const
    {
        const double *tm = state->getTextMat();
        double up = state->getFontSize() * 0.3;
        double cx, cy;
        state->transform(x + dx / 2 + tm[2] * up, y + dy / 2 + tm[3] * up, &cx, &cy);
        for (const Area &a : under_)
            if ((a.image || !images_only) && cx >= a.x0 && cx <= a.x1 && cy >= a.y0 && cy <= a.y1)
                return true;
        return false;
    }

    /* Whether no part of the character's box (its advance wide, from 0.2
       em below the baseline to 0.8 em above) is inside the clip's box. */
    static bool clipped_away(GfxState *state, double x, double y, double dx, double dy)
    {
        const double *tm = state->getTextMat();
        double em = state->getFontSize();
        double ux = tm[2] * em, uy = tm[3] * em;        /* one em up */
        double px[4] = {x - 0.2 * ux, x - 0.2 * ux + dx, x + 0.8 * ux, x + 0.8 * ux + dx};
        double py[4] = {y - 0.2 * uy, y - 0.2 * uy + dy, y + 0.8 * uy, y + 0.8 * uy + dy};
        double bx0 = INFINITY, by0 = INFINITY, bx1 = -INFINITY, by1 = -INFINITY;
        for (int i = 0; i < 4; i++) {
            double tx, ty;
            state->transform(px[i], py[i], &tx, &ty);
            bx0 = std::min(bx0, tx);
            by0 = std::min(by0, ty);
            bx1 = std::max(bx1, tx);
            by1 = std::max(by1, ty);
        }
        double x0, y0, x1, y1;
        state->getClipBBox(&x0, &y0, &x1, &y1);
        return bx1 <= x0 || bx0 >= x1 || by1 <= y0 || by0 >= y1;
    }

    /* (10): whether a visible character's Unicode cannot be trusted. */
    static bool untrusted(GfxState *state, const Unicode *u, int uLen)
    {
        if (uLen <= 0)
            return true;                        /* no Unicode at all */
        const GfxFont *font = state->getFont().get();
        if (u[0] >= 0xF000 && u[0] <= 0xF0FF)
            return false;                       /* a symbol font's code: a dingbat */
        if ((u[0] >= 0xE000 && u[0] <= 0xF8FF) || u[0] >= 0xF0000)
            return !(font && font->isSymbolic());   /* private use */
        if (!font || font->hasToUnicodeCMap())
            return false;
        Ref embedded;
        if (!font->getEmbeddedFontID(&embedded))
            return false;                       /* a standard font: its names */
        if (font->isCIDFont()) {
            const GooString *collection = static_cast<const GfxCIDFont *>(font)->getCollection();
            return !collection || collection->cmp("Adobe-Identity") == 0;
        }
        return !static_cast<const Gfx8BitFont *>(font)->getHasEncoding() && font->isSymbolic();
    }

    static constexpr double MIN_LEGIBLE = 1.0;  /* points */
    static constexpr double MIN_ALPHA = 0.1;
    static constexpr double WHITE = 0.95;       /* luminance */

    /* A clip path in page coordinates, curves flattened: polygons (one
       per subpath) and the rule that says what is inside. */
    struct ClipPath {
        std::vector<std::vector<double>> polygons;
        bool even_odd;
        bool is_box;
    };

    static void flatten(const GfxState *state, const GfxSubpath *sub, std::vector<double> &out)
    {
        int n = sub->getNumPoints();
        double x, y;
        for (int k = 0; k < n; k++) {
            if (k + 2 < n && sub->getCurve(k)) {        /* a Bezier segment */
                double x0 = out[out.size() - 2], y0 = out[out.size() - 1];
                double px[3], py[3];
                for (int j = 0; j < 3; j++)
                    state->transform(sub->getX(k + j), sub->getY(k + j), &px[j], &py[j]);
                for (int step = 1; step <= CURVE_STEPS; step++) {
                    double t = (double)step / CURVE_STEPS, u = 1 - t;
                    out.push_back(u * u * u * x0 + 3 * u * u * t * px[0] + 3 * u * t * t * px[1] + t * t * t * px[2]);
                    out.push_back(u * u * u * y0 + 3 * u * u * t * py[0] + 3 * u * t * t * py[1] + t * t * t * py[2]);
                }
                k += 2;
                continue;
            }
            state->transform(sub->getX(k), sub->getY(k), &x, &y);
            out.push_back(x);
            out.push_back(y);
        }
    }

    /* One subpath of at most five points whose edges are level or plumb. */
    static bool is_box(const std::vector<std::vector<double>> &polygons)
    {
        if (polygons.size() != 1)
            return false;
        const std::vector<double> &p = polygons[0];
        size_t n = p.size() / 2;
        if (n < 4 || n > 5)
            return false;
        for (size_t i = 0; i < n; i++) {
            size_t j = (i + 1) % n;
            if (p[2 * i] != p[2 * j] && p[2 * i + 1] != p[2 * j + 1])
                return false;
        }
        return true;
    }

    void add_clip(GfxState *state, bool even_odd)
    {
        const GfxPath *path = state->getPath();
        ClipPath c;
        c.even_odd = even_odd;
        for (int i = 0; i < path->getNumSubpaths(); i++) {
            std::vector<double> polygon;
            flatten(state, path->getSubpath(i), polygon);
            if (polygon.size() >= 6)
                c.polygons.push_back(std::move(polygon));
        }
        c.is_box = is_box(c.polygons);
        clips_.push_back(std::move(c));
    }

    /* The stretches of the line at pos (across: the other axis) that are
       inside clip path c, by the nonzero or even-odd rule: where the line
       crosses the polygons' edges, in order, with the winding so far. */
    static std::vector<double> inside(const ClipPath &c, int vertical, double pos)
    {
        std::vector<std::pair<double, int>> crossings;
        int along = vertical ? 1 : 0;           /* coordinate along the line */
        for (const std::vector<double> &p : c.polygons) {
            size_t n = p.size() / 2;
            for (size_t i = 0; i < n; i++) {
                size_t j = (i + 1) % n;
                double a0 = p[2 * i + along], b0 = p[2 * i + 1 - along];
                double a1 = p[2 * j + along], b1 = p[2 * j + 1 - along];
                if ((b0 <= pos) == (b1 <= pos))
                    continue;
                crossings.emplace_back(a0 + (pos - b0) * (a1 - a0) / (b1 - b0), b1 > b0 ? 1 : -1);
            }
        }
        std::sort(crossings.begin(), crossings.end());
        std::vector<double> spans;
        int winding = 0, count = 0;
        for (const auto &x : crossings) {
            bool was = c.even_odd ? (count & 1) : winding != 0;
            winding += x.second;
            count++;
            bool is = c.even_odd ? (count & 1) : winding != 0;
            if (is && !was)
                spans.push_back(x.first);
            else if (was && !is)
                spans.push_back(x.first);
        }
        return spans;
    }

    static int clip_spans(const void *device, int vertical, double pos, double from, double to, double *out, int max)
    {
        const PageDevice *d = static_cast<const PageDevice *>(device);
        std::vector<double> kept = {from, to};
        for (const ClipPath &c : d->clips_) {
            if (c.is_box)
                continue;                       /* the caller cut to it */
            std::vector<double> in = inside(c, vertical, pos), both;
            for (size_t i = 0; i + 1 < kept.size(); i += 2)
                for (size_t k = 0; k + 1 < in.size(); k += 2) {
                    double lo = std::max(kept[i], in[k]), hi = std::min(kept[i + 1], in[k + 1]);
                    if (lo < hi) {
                        both.push_back(lo);
                        both.push_back(hi);
                    }
                }
            kept.swap(both);
        }
        int n = 0;
        for (size_t i = 0; i + 1 < kept.size() && n < max; i += 2, n++) {
            out[2 * n] = kept[i];
            out[2 * n + 1] = kept[i + 1];
        }
        return n;
    }

    /* A visible fill that is not white: something text can lie on. */
    void note_fill(GfxState *state)
    {
        GfxColorSpace *space = state->getFillColorSpace();
        if (!space || space->getMode() == csPattern || state->getFillOpacity() < MIN_ALPHA)
            return;
        GfxRGB rgb;
        state->getFillRGB(&rgb);
        if (luminance(rgb) >= WHITE)
            return;
        const GfxPath *path = state->getPath();
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        for (int i = 0; i < path->getNumSubpaths(); i++) {
            const GfxSubpath *sub = path->getSubpath(i);
            for (int k = 0; k < sub->getNumPoints(); k++) {
                double x, y;
                state->transform(sub->getX(k), sub->getY(k), &x, &y);
                x0 = std::min(x0, x);
                y0 = std::min(y0, y);
                x1 = std::max(x1, x);
                y1 = std::max(y1, y);
            }
        }
        add_under(x0, y0, x1, y1, false);
    }

    static double width_across(const GfxState *state)              /* (4) */
    {
        const double *m = state->getCTM();
        double w = state->getLineWidth();
        if (w == 0.0) {
            double det = m[0] * m[3] - m[1] * m[2];
            if (det == 0.0)
                return 0.0;
            double dot = 72.0 / 600;
            double ux = (m[3] * dot - m[2] * dot) / det;
            double uy = (m[0] * dot - m[1] * dot) / det;
            w = std::fmin(std::fabs(ux), std::fabs(uy));
        }
        return (std::hypot(m[0] * w, m[1] * w) + std::hypot(m[2] * w, m[3] * w)) / 2;
    }

    void paint(GfxState *state, bool stroke)
    {
        if (masks_ > 0)
            return;
        if (!stroke)
            note_fill(state);
        if (!fn_)
            return;
        const GfxPath *path = state->getPath();
        ex_paint p = {};
        p.stroke = stroke;
        GfxColorSpace *space = stroke ? state->getStrokeColorSpace() : state->getFillColorSpace();
        p.solid = space && space->getMode() != csPattern;
        if (p.solid) {
            GfxRGB rgb;
            if (stroke)
                state->getStrokeRGB(&rgb);
            else
                state->getFillRGB(&rgb);
            p.r = colToDbl(rgb.r);
            p.g = colToDbl(rgb.g);
            p.b = colToDbl(rgb.b);
        }
        p.alpha = stroke ? state->getStrokeOpacity() : state->getFillOpacity();
        if (stroke) {
            p.width = width_across(state);
            p.butt_caps = state->getLineCap() == 0;
        }
        state->getClipBBox(&p.clip_x0, &p.clip_y0, &p.clip_x1, &p.clip_y1); /* (5) */
        p.clip_is_box = 1;
        for (const ClipPath &c : clips_)
            p.clip_is_box &= c.is_box;
        p.clip_spans = clip_spans;
        p.clip = this;

        for (int i = 0; i < path->getNumSubpaths() && !p.curved; i++) {
            const GfxSubpath *sub = path->getSubpath(i);
            for (int k = 0; k < sub->getNumPoints() && !p.curved; k++)
                p.curved = sub->getCurve(k);
        }
        for (int i = 0; i < path->getNumSubpaths(); i++) {
            const GfxSubpath *sub = path->getSubpath(i);
            int n = sub->getNumPoints();
            if (n <= 0)
                continue;
            xy_.resize(2 * (size_t)n);
            int curved = 0;
            for (int k = 0; k < n; k++) {
                state->transform(sub->getX(k), sub->getY(k), &xy_[2 * k], &xy_[2 * k + 1]);
                curved |= sub->getCurve(k);
            }
            fn_(data_, &p, xy_.data(), n, sub->isClosed(), curved);
        }
    }

    ex_subpath_fn fn_;
    void *data_;
    static constexpr int CURVE_STEPS = 8;
    std::vector<ClipPath> clips_;   /* in force, outermost first */
    std::vector<size_t> saved_;     /* clips_.size() at each save */
    std::vector<bool> groups_;  /* open transparency groups: for a soft mask? */
    int masks_ = 0;
    std::vector<double> xy_;
    std::vector<Area> under_;       /* painted so far (9) */
};

void quiet(ErrorCategory, Goffset, const char *) { }

/* (7) */
uint32_t code_point(Unicode u)
{
    return (u == 0 || (u >= 0xD800 && u <= 0xDFFF) || u > 0x10FFFF) ? 0xFFFD : (uint32_t)u;
}

/* (1): poppler_page_get_text_layout()'s walk, reported to on_char. */
void report_text(TextPage *text, double width, double height, const std::vector<int> &untrusted_at,
                 ex_char_fn on_char, void *data)
{
    PDFRectangle all(0, 0, width, height);
    int n_lines = 0;
    std::vector<TextWordSelection *> **lines = text->getSelectionWords(&all, selectionStyleGlyph, &n_lines);
    for (int i = 0; i < n_lines; i++) {
        std::vector<TextWordSelection *> *words = lines[i];
        bool after_break = i > 0;
        for (size_t j = 0; j < words->size(); j++) {
            const TextWordSelection *sel = (*words)[j];
            const TextWord *word = sel->getWord();
            int from = word->getCharPos(), to = from + word->getCharLen();    /* (10) */
            auto at = std::lower_bound(untrusted_at.begin(), untrusted_at.end(), from);
            bool word_untrusted = at != untrusted_at.end() && *at < to;
            for (int k = sel->getBegin(); k < sel->getEnd(); k++) {
                ex_pass_char c = {};
                c.cp = code_point(word->getChar(k)[0]);
                word->getCharBBox(k, &c.x0, &c.y0, &c.x1, &c.y1);
                c.size = word->getFontSize();
                const GooString *font = word->getFontName(k);
                c.font = font ? font->c_str() : nullptr;
                c.after_break = after_break;
                c.untrusted = word_untrusted;
                on_char(data, &c);
                after_break = false;
            }
            if (sel->getEnd() == word->getLength())
                after_break = true;     /* poppler-glib puts a space here */
            delete sel;
        }
        delete words;
    }
    gfree(lines);
}

} // namespace

struct ex_pass {
    std::unique_ptr<GlobalParamsIniter> params;
    std::unique_ptr<PDFDoc> doc;
    /* to open the document again (11) */
    std::string path;
    const char *data = nullptr;
    size_t size = 0;
    std::optional<GooString> password;
    std::vector<Ref> refs;      /* (11) every page's object, in order */
    Ref root = Ref::INVALID();  /* the /Pages node, when windowed */
    int first = 0;              /* first page of the open window, 0: none */
};

enum { WINDOW = 128, MAX_TREE_DEPTH = 64 };

/* (6a) */
static void hide_output_intents(PDFDoc *doc)
{
    XRef *xref = doc->getXRef();
    Object catalog = xref->getCatalog();
    if (!catalog.isDict() || catalog.dictLookupNF("OutputIntents").isNull())
        return;
    Dict *copy = catalog.getDict()->copy(xref);
    copy->remove("OutputIntents");
    Object changed(copy);
    xref->setModifiedObject(&changed, {xref->getRootNum(), xref->getRootGen()});
}

/* A fresh PDFDoc for pass, or false. */
static bool open_doc(ex_pass *pass)
{
    if (!pass->path.empty())                                        /* (6) */
        pass->doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(pass->path),
                                             pass->password, pass->password);
    else
        pass->doc = std::make_unique<PDFDoc>(new MemStream(pass->data, 0, (Goffset)pass->size,
                                                           Object(objNull)),
                                             pass->password, pass->password);
    if (!pass->doc->isOk())
        return false;
    hide_output_intents(pass->doc.get());
    return true;
}

/* (11): the page objects under /Pages node `node`, in order; false where
 * the tree cannot be followed. path: the nodes above, against loops. */
static bool index_node(ex_pass *pass, XRef *xref, const Object &node, int depth,
                       std::vector<int> &path)
{
    if (depth > MAX_TREE_DEPTH || !node.isDict())
        return false;
    Object kids = node.dictLookup("Kids");
    if (!kids.isArray())
        return false;
    for (int k = 0; k < kids.arrayGetLength(); k++) {
        const Object &ref = kids.arrayGetNF(k);
        if (!ref.isRef() || std::find(path.begin(), path.end(), ref.getRef().num) != path.end())
            return false;
        Object kid = xref->fetch(ref.getRef());
        if (!kid.isDict())
            return false;
        if (kid.dictIs("Pages") || (!kid.dictIs("Page") && kid.dictLookupNF("Kids").isArray())) {
            path.push_back(ref.getRef().num);
            bool ok = index_node(pass, xref, kid, depth + 1, path);
            path.pop_back();
            if (!ok)
                return false;
        } else {
            pass->refs.push_back(ref.getRef());
        }
    }
    return true;
}

/* (11): whether the document is read in windows (its index made). */
static bool index_pages(ex_pass *pass)
{
    if (pass->doc->getNumPages() <= WINDOW)
        return false;
    XRef *xref = pass->doc->getXRef();
    Object catalog = xref->getCatalog();
    if (!catalog.isDict() || !catalog.dictLookupNF("Pages").isRef())
        return false;
    Ref root = catalog.dictLookupNF("Pages").getRef();
    std::vector<int> path{root.num};
    Object node = catalog.dictLookup("Pages");
    bool ok = index_node(pass, xref, node, 0, path) &&
              (int)pass->refs.size() == pass->doc->getNumPages();
    for (size_t i = 0; ok && i < pass->refs.size(); i++)
        ok = pass->refs[i] != root;
    if (!ok) {
        pass->refs.clear();
        return false;
    }
    pass->root = root;
    return true;
}

static const char *const INHERITED[] = {"Resources", "MediaBox", "CropBox", "Rotate"};
enum { N_INHERITED = sizeof INHERITED / sizeof *INHERITED };

/* (11): what a page under /Pages node parent inherits, per INHERITED key
 * (null where no node above gives it). */
static std::array<Object, N_INHERITED> inherited(XRef *xref, const Object &parent)
{
    std::array<Object, N_INHERITED> v;     /* default Objects are objNone, not null */
    for (Object &o : v)
        o = Object(objNull);
    Object node = parent.isRef() ? xref->fetch(parent.getRef()) : Object(objNull);
    for (int depth = 0; node.isDict() && depth <= MAX_TREE_DEPTH; depth++) {
        for (int k = 0; k < N_INHERITED; k++)
            if (v[k].isNull())
                v[k] = node.dictLookupNF(INHERITED[k]).copy();
        node = node.dictLookup("Parent");
    }
    return v;
}

/* (11): a fresh document whose page tree is pages [first, first + WINDOW). */
static bool open_window(ex_pass *pass, int first)
{
    pass->first = 0;
    if (!open_doc(pass))
        return false;
    XRef *xref = pass->doc->getXRef();
    int n = std::min((int)WINDOW, (int)pass->refs.size() - first + 1);
    auto *kids = new Array(xref);
    std::vector<std::pair<int, std::array<Object, N_INHERITED>>> parents;   /* by object */
    for (int k = 0; k < n; k++) {
        Ref r = pass->refs[(size_t)(first - 1 + k)];
        Object page = xref->fetch(r);
        if (!page.isDict()) {
            page = Object(new Dict(xref));
            page.dictAdd("Type", Object(objName, "Page"));
        }
        Dict *copy = page.getDict()->copy(xref);
        const Object &parent = copy->lookupNF("Parent");
        int pnum = parent.isRef() ? parent.getRef().num : -1;
        auto up = std::find_if(parents.begin(), parents.end(),
                               [pnum](const auto &p) { return p.first == pnum; });
        if (up == parents.end()) {
            parents.emplace_back(pnum, inherited(xref, parent));
            up = parents.end() - 1;
        }
        for (int a = 0; a < N_INHERITED; a++)
            if (copy->lookupNF(INHERITED[a]).isNull() && !up->second[(size_t)a].isNull())
                copy->add(INHERITED[a], up->second[(size_t)a].copy());
        copy->set("Parent", Object(pass->root));
        Object changed(copy);
        xref->setModifiedObject(&changed, r);
        kids->add(Object(r));
    }
    auto *root = new Dict(xref);
    root->add("Type", Object(objName, "Pages"));
    root->add("Kids", Object(kids));
    root->add("Count", Object(n));
    Object tree(root);
    xref->setModifiedObject(&tree, pass->root);
    pass->first = first;
    return true;
}

extern "C" ex_pass *extract_pass_open(const char *path, const char *data, size_t size,
                                      const char *password)
{
    auto pass = std::make_unique<ex_pass>();
    /* poppler-glib has made globalParams already and set its error
       callback (which counts problems); this only holds a reference */
    pass->params = std::make_unique<GlobalParamsIniter>(quiet);
    if (password)
        pass->password = GooString(password);
    pass->path = path ? path : "";
    pass->data = data;
    pass->size = size;
    if (!open_doc(pass.get()))
        return nullptr;
    index_pages(pass.get());
    return pass.release();
}

extern "C" void extract_pass_free(ex_pass **pass)
{
    if (!pass || !*pass)
        return;
    delete *pass;
    *pass = nullptr;
}

/* Page number of pass, or NULL if it cannot be read (11). */
static Page *page_of(ex_pass *pass, int number)
{
    if (!pass || !pass->doc)
        return nullptr;
    Page *page = nullptr;
    if (pass->refs.empty()) {
        if (number >= 1 && number <= pass->doc->getNumPages())
            page = pass->doc->getPage(number);
    } else if (number >= 1 && number <= (int)pass->refs.size()) {
        if (!pass->first || number < pass->first || number >= pass->first + WINDOW) {
            int first = number - (number - 1) % WINDOW;
            if (!open_window(pass, first))
                return nullptr;
        }
        page = pass->doc->getCatalog()->getPage(number - pass->first + 1);
    }
    return page && page->isOk() ? page : nullptr;
}

/* The page's size as shown (/Rotate applied): poppler-glib's
 * poppler_page_get_size(), the page the text is selected over. */
static void shown_size(Page *page, double *width, double *height)
{
    int rotate = page->getRotate();
    bool sideways = rotate == 90 || rotate == 270;
    *width = sideways ? page->getCropHeight() : page->getCropWidth();
    *height = sideways ? page->getCropWidth() : page->getCropHeight();
}

extern "C" int extract_pass_page_size(ex_pass *pass, int number, double *width, double *height, double *crop_width, double *crop_height)
{
    Page *page = page_of(pass, number);
    if (!page)
        return -1;
    shown_size(page, width, height);
    *crop_width = page->getCropWidth();
    *crop_height = page->getCropHeight();
    return 0;
}

extern "C" int extract_pass_page(ex_pass *pass, int number, ex_char_fn on_char, void *char_data, ex_subpath_fn on_subpath, void *path_data, ex_pass_counts *counts)
{
    Page *page = page_of(pass, number);
    if (!page)
        return -1;
    PageDevice device(on_subpath, path_data);
    Gfx *gfx = page->createGfx(&device, 72.0, 72.0, 0, false, true, -1, -1, -1, -1, false, nullptr, nullptr);
    page->display(gfx);
    device.endPage();
    TextPage *text = device.takeText();     /* before ~Gfx ends the page again */
    *counts = device.counts;
    delete gfx;
    double width, height;
    shown_size(page, &width, &height);
    report_text(text, width, height, device.untrusted_at, on_char, char_data);
    text->decRefCnt();
    return 0;
}
