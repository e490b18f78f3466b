/*
 * page_rules.c — the ruling lines of a page: visible, thin, straight,
 * axis-parallel marks drawn as stroked lines or as thin filled rectangles.
 *
 * poppler-glib has no path API. What it has is poppler_page_render(), which
 * draws the page through a cairo context we own. The page is rendered onto
 * a cairo *observer* surface: after every fill and stroke, cairo calls back
 * while the path being drawn is still on our context, so the path, its
 * transformation, line width, colour and clip can be read exactly (in
 * vector form, no pixel guessing) with read-only cairo calls.
 *
 * NOTES
 *   (1) Visible means: a solid source, alpha >= MIN_ALPHA and luminance
 *       <= MAX_LUMINANCE. Word draws hundreds of white rectangles per page
 *       (cell padding); they are not rules. Gradient and image sources are
 *       left out.
 *   (2) Thin means at most MAX_THICKNESS points across, long means at least
 *       twice as long as thick. Wide fills (cell shading, backgrounds) and
 *       thick strokes are not rules.
 *   (3) The observer only calls back for operations that reach its target,
 *       so what is clipped away entirely or lies off the page is never
 *       seen. A piece is kept only where its centre line is inside the
 *       clip: at least half its width shows. WPS clips each table to a
 *       box that ends 0.2 pt before the table's right border, which is
 *       stroked anyway and never shows; that border is not a rule.
 *   (4) The target is an image of the page's size (RENDER_SCALE 1): the
 *       callbacks need a real target. Coordinates are read from the vector
 *       path, so the raster does not limit their precision.
 *   (5) Operations inside transparency groups are drawn on intermediate
 *       surfaces that cairo creates without our callbacks; rules drawn
 *       there are not seen. No producer in the corpus draws grids so.
 *   (6) Pieces are returned unmerged; rule_merge.c joins them.
 *   (7) A stroked path with curves is an outline (Excel and Word make
 *       bold text by stroking the glyph outlines), never a grid line.
 *   (8) The page is rendered "for printing": on screen, poppler snaps
 *       stroke coordinates to device pixels and widens hairlines to one
 *       pixel (stroke adjustment), which would move every stroked rule to
 *       a whole point. Printing keeps the coordinates as drawn.
 *   (9) cairo_clip_extents() is rounded outwards to whole device pixels
 *       (up to a point off at RENDER_SCALE 1), so it is only the first,
 *       cheap cut. The exact cut asks cairo_in_clip(), which tests against
 *       the clip itself (1/256 pixel), and finds where the centre line
 *       leaves the clip by bisection to CLIP_EPS.
 *   (11) iText draws each cell border as a filled quadrilateral with
 *       mitered ends: a thin bar whose short edges are slanted, cutting
 *       the corners where two borders meet. A slanted edge no longer than
 *       the bar is thick is such a cut; the bar is a rule over its whole
 *       extent. A longer slanted edge is a shape, not a rule.
 *   (10) cairo 1.16 never frees an observer's callback records, so the
 *       observer surface is made once per document (a rule finder) and
 *       reused for every page, grown only when a larger page comes. Each
 *       page is clipped to its own size, so a larger surface sees no more
 *       than the page.
 */
#include "extract_int.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>

#define MIN_ALPHA      0.25
#define MAX_LUMINANCE  0.88
#define MAX_THICKNESS  4.0
#define MIN_PIECE      0.5      /* shorter pieces are noise */
#define AXIS_SLOPE     0.02     /* |dy/dx| below which a segment is level */
#define RENDER_SCALE   1.0
#define CLIP_EPS       0.01     /* precision of a clipped end, points */
#define CLIP_PROBES    16       /* points tried along a piece whose middle
                                   is clipped away */

typedef struct observer {
    cairo_t *cr;
    ex_box clip;                /* page coordinates */
    ex_rule_vec *h, *v;
} observer;

struct ex_rule_finder {
    cairo_surface_t *image, *surface;
    int width, height;          /* of the image, pixels */
    observer o;                 /* the callbacks' data, stable address */
};

void ex_rule_vec_push(ex_rule_vec *v, ex_rule r)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->items = pr_xrealloc(v->items, v->cap * sizeof *v->items);
    }
    v->items[v->n++] = r;
}

static int source_is_visible(cairo_t *cr)
{
    cairo_pattern_t *src = cairo_get_source(cr);
    double r, g, b, a;
    if (cairo_pattern_get_rgba(src, &r, &g, &b, &a) != CAIRO_STATUS_SUCCESS)
        return 0;
    double luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return a >= MIN_ALPHA && luminance <= MAX_LUMINANCE;
}

static void to_page(cairo_t *cr, double *x, double *y)
{
    cairo_user_to_device(cr, x, y);
    *x /= RENDER_SCALE;
    *y /= RENDER_SCALE;
}

static ex_box clip_box(cairo_t *cr)
{
    double x0, y0, x1, y1;
    cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
    double xs[4] = {x0, x1, x0, x1}, ys[4] = {y0, y0, y1, y1};
    ex_box b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (int i = 0; i < 4; i++) {
        to_page(cr, &xs[i], &ys[i]);
        b.x0 = fmin(b.x0, xs[i]);
        b.x1 = fmax(b.x1, xs[i]);
        b.y0 = fmin(b.y0, ys[i]);
        b.y1 = fmax(b.y1, ys[i]);
    }
    return b;
}

/* Whether the point at t along the centre line at pos is inside the
 * current clip, exactly (9). */
static int line_in_clip(cairo_t *cr, int vertical, double pos, double t)
{
    double x = (vertical ? pos : t) * RENDER_SCALE;
    double y = (vertical ? t : pos) * RENDER_SCALE;
    cairo_device_to_user(cr, &x, &y);
    return cairo_in_clip(cr, x, y);
}

/* Moves from an inside point towards an outside one until the clip's edge
 * is within CLIP_EPS; returns the last inside point. */
static double clip_edge(cairo_t *cr, int vertical, double pos, double in,
                        double out)
{
    while (fabs(out - in) > CLIP_EPS) {
        double mid = (in + out) / 2;
        if (line_in_clip(cr, vertical, pos, mid))
            in = mid;
        else
            out = mid;
    }
    return in;
}

/* Cuts [*from, *to] on the centre line at pos to the part inside the
 * clip (3): the stretch around one inside point, found at the middle or
 * else by probing. Returns 0 if the centre line is clipped away. */
static int cut_to_clip(cairo_t *cr, int vertical, double pos, double *from,
                       double *to)
{
    double anchor = (*from + *to) / 2;
    int found = line_in_clip(cr, vertical, pos, anchor);
    for (int k = 0; !found && k < CLIP_PROBES; k++) {
        anchor = *from + (k + 0.5) * (*to - *from) / CLIP_PROBES;
        found = line_in_clip(cr, vertical, pos, anchor);
    }
    if (!found)
        return 0;
    if (!line_in_clip(cr, vertical, pos, *from))
        *from = clip_edge(cr, vertical, pos, anchor, *from);
    if (!line_in_clip(cr, vertical, pos, *to))
        *to = clip_edge(cr, vertical, pos, anchor, *to);
    return 1;
}

/* Adds a rule along one axis after cutting it to the clip (3, 9). */
static void add_rule(observer *o, int vertical, double pos, double from,
                     double to, double width)
{
    double lo = vertical ? o->clip.y0 : o->clip.x0;
    double hi = vertical ? o->clip.y1 : o->clip.x1;
    double across_lo = vertical ? o->clip.x0 : o->clip.y0;
    double across_hi = vertical ? o->clip.x1 : o->clip.y1;
    if (pos < across_lo || pos > across_hi)
        return;
    from = fmax(from, lo);
    to = fmin(to, hi);
    if (to - from < MIN_PIECE || width > MAX_THICKNESS || width <= 0.01)
        return;
    if (!cut_to_clip(o->cr, vertical, pos, &from, &to) || to - from < MIN_PIECE)
        return;
    ex_rule r = {pos, from, to, width};
    ex_rule_vec_push(vertical ? o->v : o->h, r);
}

/* Calls fn(o, points, n, closed) for each subpath of the current path. */
typedef void (*subpath_fn)(observer *o, const double *xy, int n, int closed);

static void for_each_subpath(observer *o, subpath_fn fn)
{
    cairo_path_t *path = cairo_copy_path_flat(o->cr);
    if (!path || path->status != CAIRO_STATUS_SUCCESS) {
        cairo_path_destroy(path);
        return;
    }
    double *xy = NULL;
    int n = 0, cap = 0;
    for (int i = 0; i <= path->num_data; ) {
        int at_end = i == path->num_data;
        cairo_path_data_t *d = at_end ? NULL : &path->data[i];
        int type = at_end ? -1 : (int)d->header.type;
        if ((at_end || type == CAIRO_PATH_MOVE_TO || type == CAIRO_PATH_CLOSE_PATH)
            && n > 0) {
            fn(o, xy, n, type == CAIRO_PATH_CLOSE_PATH);
            n = 0;
        }
        if (at_end)
            break;
        if (type == CAIRO_PATH_MOVE_TO || type == CAIRO_PATH_LINE_TO) {
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                xy = pr_xrealloc(xy, (size_t)cap * 2 * sizeof *xy);
            }
            double x = d[1].point.x, y = d[1].point.y;
            to_page(o->cr, &x, &y);
            xy[2 * n] = x;
            xy[2 * n + 1] = y;
            n++;
        }
        i += d->header.length;
    }
    free(xy);
    cairo_path_destroy(path);
}

static void stroke_subpath(observer *o, const double *xy, int n, int closed)
{
    double ux = 1, uy = 0, vx = 0, vy = 1;
    double lw = cairo_get_line_width(o->cr);
    ux = lw;
    vy = lw;
    cairo_user_to_device_distance(o->cr, &ux, &uy);
    cairo_user_to_device_distance(o->cr, &vx, &vy);
    double width = (hypot(ux, uy) + hypot(vx, vy)) / 2 / RENDER_SCALE;
    double cap = cairo_get_line_cap(o->cr) == CAIRO_LINE_CAP_BUTT ? 0 : width / 2;
    int segments = closed ? n : n - 1;
    for (int i = 0; i < segments; i++) {
        int j = (i + 1) % n;
        double x0 = xy[2 * i], y0 = xy[2 * i + 1];
        double x1 = xy[2 * j], y1 = xy[2 * j + 1];
        double dx = fabs(x1 - x0), dy = fabs(y1 - y0);
        if (dy <= AXIS_SLOPE * dx)
            add_rule(o, 0, (y0 + y1) / 2, fmin(x0, x1) - cap, fmax(x0, x1) + cap, width);
        else if (dx <= AXIS_SLOPE * dy)
            add_rule(o, 1, (x0 + x1) / 2, fmin(y0, y1) - cap, fmax(y0, y1) + cap, width);
    }
}

/* A filled subpath counts only if it is an axis-parallel rectangle, or
 * (11) a thin quadrilateral whose only slanted edges cut its corners. */
static void fill_subpath(observer *o, const double *xy, int n, int closed)
{
    (void)closed;
    if (n == 5 && fabs(xy[0] - xy[8]) < 0.01 && fabs(xy[1] - xy[9]) < 0.01)
        n = 4;                              /* explicitly closed */
    if (n != 4)
        return;
    ex_box b = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (int i = 0; i < 4; i++) {
        b.x0 = fmin(b.x0, xy[2 * i]);
        b.x1 = fmax(b.x1, xy[2 * i]);
        b.y0 = fmin(b.y0, xy[2 * i + 1]);
        b.y1 = fmax(b.y1, xy[2 * i + 1]);
    }
    double thick = fmin(b.x1 - b.x0, b.y1 - b.y0);
    for (int i = 0; i < 4; i++) {
        int j = (i + 1) % 4;
        double dx = fabs(xy[2 * j] - xy[2 * i]);
        double dy = fabs(xy[2 * j + 1] - xy[2 * i + 1]);
        if (dx > 0.05 && dy > 0.05 && (dx > thick + 0.05 || dy > thick + 0.05))
            return;                         /* a slanted edge, not a corner cut */
    }
    double w = b.x1 - b.x0, h = b.y1 - b.y0;
    if (h <= w && w >= 2 * h)
        add_rule(o, 0, (b.y0 + b.y1) / 2, b.x0, b.x1, h);
    else if (w < h && h >= 2 * w)
        add_rule(o, 1, (b.x0 + b.x1) / 2, b.y0, b.y1, w);
}

static void on_fill(cairo_surface_t *observer_surface, cairo_surface_t *target,
                    void *data)
{
    (void)observer_surface;
    (void)target;
    observer *o = data;
    if (!source_is_visible(o->cr))
        return;
    o->clip = clip_box(o->cr);
    for_each_subpath(o, fill_subpath);
}

static int path_has_curves(cairo_t *cr)
{
    cairo_path_t *path = cairo_copy_path(cr);
    int curves = 0;
    for (int i = 0; path && i < path->num_data && !curves;
         i += path->data[i].header.length)
        curves = path->data[i].header.type == CAIRO_PATH_CURVE_TO;
    cairo_path_destroy(path);
    return curves;
}

static void on_stroke(cairo_surface_t *observer_surface, cairo_surface_t *target,
                      void *data)
{
    (void)observer_surface;
    (void)target;
    observer *o = data;
    if (!source_is_visible(o->cr) || path_has_curves(o->cr))       /* (7) */
        return;
    o->clip = clip_box(o->cr);
    for_each_subpath(o, stroke_subpath);
}

ex_rule_finder *extract_rule_finder_new(void)
{
    return pr_xcalloc(1, sizeof(ex_rule_finder));
}

static void release_surfaces(ex_rule_finder *f)
{
    if (f->surface)
        cairo_surface_destroy(f->surface);
    if (f->image)
        cairo_surface_destroy(f->image);
    f->surface = f->image = NULL;
}

void extract_rule_finder_free(ex_rule_finder **finder)
{
    if (!finder || !*finder)
        return;
    release_surfaces(*finder);
    free(*finder);
    *finder = NULL;
}

/* (10): a surface at least w x h pixels with the callbacks installed. */
static void ensure_surface(ex_rule_finder *f, int w, int h)
{
    if (f->surface && w <= f->width && h <= f->height)
        return;
    release_surfaces(f);
    f->width = w > f->width ? w : f->width;
    f->height = h > f->height ? h : f->height;
    f->image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, f->width, f->height);
    f->surface = cairo_surface_create_observer(f->image, CAIRO_SURFACE_OBSERVER_NORMAL);
    cairo_surface_observer_add_fill_callback(f->surface, on_fill, &f->o);
    cairo_surface_observer_add_stroke_callback(f->surface, on_stroke, &f->o);
}

pr_rc extract_page_rules(ex_rule_finder *f, PopplerPage *page, double width,
                         double height, ex_rule_vec *hrules, ex_rule_vec *vrules,
                         pr_error *err)
{
    ensure_surface(f, (int)ceil(width * RENDER_SCALE) + 1,
                   (int)ceil(height * RENDER_SCALE) + 1);
    f->o = (observer){NULL, {0, 0, width, height}, hrules, vrules};
    cairo_t *cr = cairo_create(f->surface);
    cairo_scale(cr, RENDER_SCALE, RENDER_SCALE);
    cairo_rectangle(cr, 0, 0, width, height);
    cairo_clip(cr);
    f->o.cr = cr;
    poppler_page_render_for_printing(page, cr);                     /* (8) */
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    f->o.cr = NULL;
    if (status != CAIRO_STATUS_SUCCESS && status != CAIRO_STATUS_INVALID_RESTORE)
        return pr_fail(err, PR_ERR_DAMAGED, "cannot render page: %s",
                       cairo_status_to_string(status));
    return PR_OK;
}
