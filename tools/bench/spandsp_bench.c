/*
 * spandsp_bench: raw-libspandsp baseline for the FaxBox fax benchmark.
 *
 * Runs one complete fax call in 20 ms (160-sample) steps between spandsp objects wired together in
 * process, and prints the thread CPU time each role spends in its library calls per frame. The FaxBox
 * side of the benchmark runs the same calls through its C# wrapper; the ratio of the two is the
 * wrapper's overhead. See README.md in this directory for the scenarios and the output format.
 *
 * Build: tools/bench/build-raw.sh (gcc -O2 -Wall -Werror spandsp_bench.c -lspandsp -ltiff -lm).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <tiffio.h>
#include <spandsp.h>

#define FRAME_SAMPLES 160
#define FRAME_MS 20
#define DEFAULT_FRAMES_LIMIT 60000 /* 20 minutes of simulated call */
#define CALIBRATION_ROUNDS 2000000

/* Exit codes (documented in README.md). */
#define EXIT_CALL_FAILED 1
#define EXIT_USAGE 2
#define EXIT_SETUP 3

/* ------------------------------------------------------------------------------------------------- */
/* Thread CPU clock                                                                                   */

static inline int64_t thread_cpu_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Mean cost, in ns, of an empty bracket: the same two clock reads every measured frame pays. */
static double calibrate_timer_overhead_ns(void)
{
    int64_t total = 0;
    int i;

    for (i = 0; i < CALIBRATION_ROUNDS; i++)
    {
        int64_t start = thread_cpu_ns();
        int64_t end = thread_cpu_ns();

        total += end - start;
    }
    return (double) total / CALIBRATION_ROUNDS;
}

/* ------------------------------------------------------------------------------------------------- */
/* In-process T.38: one FIFO of IFPs per direction                                                    */

#define IFP_QUEUE_SLOTS 4096
#define IFP_MAX_BYTES 1024

typedef struct
{
    uint16_t seq_no;
    int len;
    uint8_t buf[IFP_MAX_BYTES];
} ifp_t;

typedef struct
{
    ifp_t slots[IFP_QUEUE_SLOTS];
    unsigned head;      /* next to deliver */
    unsigned tail;      /* next free */
    uint16_t next_seq;  /* sequence number given to the next IFP sent */
    uint64_t ifps;
    uint64_t bytes;
    int overflowed;
} ifp_queue_t;

/* t38_tx_packet_handler_t: queue each IFP once with the next sequence number. The repeat count asks for
   redundant copies; the receiving core would drop them as duplicates, so they are not sent. */
static int ifp_queue_tx(t38_core_state_t *core, void *user_data, const uint8_t *buf, int len, int count)
{
    ifp_queue_t *q = (ifp_queue_t *) user_data;
    ifp_t *slot;

    (void) core;
    (void) count;
    if (q->tail - q->head >= IFP_QUEUE_SLOTS || len > IFP_MAX_BYTES || len < 0)
    {
        q->overflowed = 1;
        return -1;
    }
    slot = &q->slots[q->tail % IFP_QUEUE_SLOTS];
    slot->seq_no = q->next_seq++;
    slot->len = len;
    memcpy(slot->buf, buf, (size_t) len);
    q->tail++;
    q->ifps++;
    q->bytes += (uint64_t) len;
    return 0;
}

/* Delivers the IFPs queued before this frame started (up to 'until'), in order. */
static void ifp_queue_deliver(ifp_queue_t *q, unsigned until, t38_core_state_t *core)
{
    while (q->head != until)
    {
        ifp_t *slot = &q->slots[q->head % IFP_QUEUE_SLOTS];

        t38_core_rx_ifp_packet(core, slot->buf, slot->len, slot->seq_no);
        q->head++;
    }
}

/* ------------------------------------------------------------------------------------------------- */
/* Roles                                                                                              */

typedef enum
{
    KIND_FAX,          /* fax_state_t: fax_rx(previous frame's audio) + fax_tx */
    KIND_GATEWAY,      /* t38_gateway_state_t: IFPs in + t38_gateway_rx + t38_gateway_tx */
    KIND_TERMINAL      /* t38_terminal_state_t: IFPs in + t38_terminal_send_timeout(160) */
} role_kind_t;

typedef struct role_s role_t;

struct role_s
{
    const char *name;   /* audio-tx, audio-rx, gateway-audio-to-t38, gateway-t38-to-audio, t38-terminal */
    const char *dir;    /* tx = sends the document, rx = receives it, gw = gateway */
    role_kind_t kind;
    fax_state_t *fax;
    t38_gateway_state_t *gateway;
    t38_terminal_state_t *terminal;
    t30_state_t *t30;   /* NULL for the gateway */

    int16_t in[FRAME_SAMPLES];   /* audio from the peer, produced in the previous frame */
    int16_t out[FRAME_SAMPLES];  /* audio produced this frame */
    ifp_queue_t *ifp_in;         /* IFPs addressed to this role (terminal, gateway) */
    unsigned ifp_until;

    /* phase E */
    int done;
    int result;
    int terminal_finished;

    double *frame_us;   /* CPU per frame, timer overhead removed */
    long frames;
};

static void phase_e_handler(t30_state_t *t30, void *user_data, int completion_code)
{
    role_t *role = (role_t *) user_data;

    (void) t30;
    role->done = 1;
    role->result = completion_code;
}

/* Runs one frame of a role: exactly the library calls the role makes per 20 ms, between two clock reads. */
static void role_step(role_t *r, double overhead_ns)
{
    int64_t start;
    int64_t end;
    int n;

    n = 0;
    start = thread_cpu_ns();
    switch (r->kind)
    {
    case KIND_FAX:
        fax_rx(r->fax, r->in, FRAME_SAMPLES);
        n = fax_tx(r->fax, r->out, FRAME_SAMPLES);
        break;
    case KIND_GATEWAY:
        ifp_queue_deliver(r->ifp_in, r->ifp_until, t38_gateway_get_t38_core_state(r->gateway));
        t38_gateway_rx(r->gateway, r->in, FRAME_SAMPLES);
        n = t38_gateway_tx(r->gateway, r->out, FRAME_SAMPLES);
        break;
    case KIND_TERMINAL:
        ifp_queue_deliver(r->ifp_in, r->ifp_until, t38_terminal_get_t38_core_state(r->terminal));
        if (t38_terminal_send_timeout(r->terminal, FRAME_SAMPLES))
            r->terminal_finished = 1;
        n = FRAME_SAMPLES;
        break;
    }
    end = thread_cpu_ns();

    r->frame_us[r->frames++] = ((double) (end - start) - overhead_ns) / 1000.0;
    /* transmit_on_idle keeps frames full; pad defensively so the peer always gets 160 samples */
    if (n < FRAME_SAMPLES)
        memset(r->out + n, 0, sizeof(int16_t) * (size_t) (FRAME_SAMPLES - n));
}

/* ------------------------------------------------------------------------------------------------- */
/* Configuration                                                                                      */

typedef enum
{
    SCENARIO_AUDIO,
    SCENARIO_GW2TERM,
    SCENARIO_TERM2GW
} scenario_t;

typedef struct
{
    scenario_t scenario;
    const char *scenario_name;
    const char *modem_name;
    int modems;          /* T30_SUPPORT_* bits */
    int ecm;
    const char *tif;
    const char *rx_tif;
    const char *law_name; /* linear, alaw, ulaw: G.711 round trip on audio legs, outside the timed calls */
    int law;              /* -1 = linear */
    long frames_limit;
    int verbose;
} options_t;

static void configure_t30(t30_state_t *t30, const options_t *o, role_t *role, int sender)
{
    int compressions = T30_SUPPORT_T4_1D_COMPRESSION | T30_SUPPORT_T4_2D_COMPRESSION;

    if (o->ecm)
        compressions |= T30_SUPPORT_T6_COMPRESSION;
    t30_set_tx_ident(t30, sender ? "FaxBox bench TX" : "FaxBox bench RX");
    t30_set_supported_modems(t30, o->modems);
    t30_set_ecm_capability(t30, o->ecm);
    t30_set_supported_compressions(t30, compressions);
    if (sender)
        t30_set_tx_file(t30, o->tif, -1, -1);
    else
        t30_set_rx_file(t30, o->rx_tif, -1);
    t30_set_phase_e_handler(t30, phase_e_handler, role);
    if (o->verbose)
    {
        logging_state_t *log = t30_get_logging_state(t30);

        span_log_set_level(log, SPAN_LOG_FLOW | SPAN_LOG_SHOW_TAG | SPAN_LOG_SHOW_PROTOCOL);
        span_log_set_tag(log, role->name);
    }
}

static void make_fax(role_t *r, const options_t *o, int calling_party, int sender)
{
    r->kind = KIND_FAX;
    r->fax = fax_init(NULL, calling_party);
    if (r->fax == NULL)
    {
        fprintf(stderr, "fax_init failed\n");
        exit(EXIT_SETUP);
    }
    fax_set_transmit_on_idle(r->fax, TRUE);
    r->t30 = fax_get_t30_state(r->fax);
    configure_t30(r->t30, o, r, sender);
}

static void make_terminal(role_t *r, const options_t *o, int calling_party, int sender, ifp_queue_t *out)
{
    r->kind = KIND_TERMINAL;
    r->terminal = t38_terminal_init(NULL, calling_party, ifp_queue_tx, out);
    if (r->terminal == NULL)
    {
        fprintf(stderr, "t38_terminal_init failed\n");
        exit(EXIT_SETUP);
    }
    r->t30 = t38_terminal_get_t30_state(r->terminal);
    configure_t30(r->t30, o, r, sender);
}

static int gateway_modems(int forced)
{
    if (forced & T30_SUPPORT_V17)
        return T30_SUPPORT_V17 | T30_SUPPORT_V29 | T30_SUPPORT_V27TER;
    if (forced & T30_SUPPORT_V29)
        return T30_SUPPORT_V29 | T30_SUPPORT_V27TER;
    return T30_SUPPORT_V27TER;
}

static void make_gateway(role_t *r, const options_t *o, ifp_queue_t *out)
{
    r->kind = KIND_GATEWAY;
    r->gateway = t38_gateway_init(NULL, ifp_queue_tx, out);
    if (r->gateway == NULL)
    {
        fprintf(stderr, "t38_gateway_init failed\n");
        exit(EXIT_SETUP);
    }
    t38_gateway_set_transmit_on_idle(r->gateway, TRUE);
    /* DIS/DTC rate codes are cumulative (T.30 Table 2: V.17 is only signalled together with V.29 and V.27ter),
       and the gateway rewrites the DIS rate field from this mask. A V.17-only mask has no valid code, so the
       sender then finds "no compatible modem": give the gateway the forced modem and every slower one. */
    t38_gateway_set_supported_modems(r->gateway, gateway_modems(o->modems));
    t38_gateway_set_ecm_capability(r->gateway, o->ecm);
    if (o->verbose)
    {
        logging_state_t *log = t38_gateway_get_logging_state(r->gateway);

        span_log_set_level(log, SPAN_LOG_FLOW | SPAN_LOG_SHOW_TAG);
        span_log_set_tag(log, r->name);
    }
}

static void free_role(role_t *r)
{
    if (r->fax)
        fax_free(r->fax);
    if (r->terminal)
        t38_terminal_free(r->terminal);
    if (r->gateway)
        t38_gateway_free(r->gateway);
    free(r->frame_us);
}

/* ------------------------------------------------------------------------------------------------- */
/* Audio legs                                                                                         */

/* Copies one frame of audio to the peer's input, optionally through a G.711 encode/decode round trip.
   This is line simulation, not part of any role, so it is outside every timed bracket. */
static void audio_leg(const int16_t *from, int16_t *to, g711_state_t *g711)
{
    if (g711 == NULL)
    {
        memcpy(to, from, sizeof(int16_t) * FRAME_SAMPLES);
    }
    else
    {
        uint8_t codes[FRAME_SAMPLES];

        g711_encode(g711, codes, from, FRAME_SAMPLES);
        g711_decode(g711, to, codes, FRAME_SAMPLES);
    }
}

/* ------------------------------------------------------------------------------------------------- */
/* Statistics                                                                                         */

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *) a;
    double y = *(const double *) b;

    return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static double percentile(const double *sorted, long n, double p)
{
    long rank;

    if (n <= 0)
        return 0.0;
    rank = (long) (p / 100.0 * (double) n + 0.999999);
    if (rank < 1)
        rank = 1;
    if (rank > n)
        rank = n;
    return sorted[rank - 1];
}

static void print_role(const role_t *r, const options_t *o, int result, int pages, int bit_rate)
{
    double *sorted;
    double sum = 0.0;
    long i;

    sorted = malloc(sizeof(double) * (size_t) (r->frames > 0 ? r->frames : 1));
    if (sorted == NULL)
    {
        fprintf(stderr, "out of memory\n");
        exit(EXIT_SETUP);
    }
    for (i = 0; i < r->frames; i++)
    {
        sorted[i] = r->frame_us[i];
        sum += r->frame_us[i];
    }
    qsort(sorted, (size_t) r->frames, sizeof(double), compare_double);
    printf("role=%s dir=%s scenario=%s modem=%s ecm=%d law=%s frames=%ld"
           " cpu_us_mean=%.3f cpu_us_p50=%.3f cpu_us_p99=%.3f cpu_us_p999=%.3f cpu_us_max=%.3f"
           " result=%d pages=%d bit_rate=%d\n",
           r->name, r->dir, o->scenario_name, o->modem_name, o->ecm, o->law_name, r->frames,
           r->frames > 0 ? sum / (double) r->frames : 0.0,
           percentile(sorted, r->frames, 50.0), percentile(sorted, r->frames, 99.0),
           percentile(sorted, r->frames, 99.9), percentile(sorted, r->frames, 100.0),
           result, pages, bit_rate);
    free(sorted);
}

/* ------------------------------------------------------------------------------------------------- */
/* Test document: 3 pages, 1728 x 2286 (A4, fine 204 x 196 dpi), T.4 2-D, deterministic                */

#define DOC_WIDTH 1728
#define DOC_ROWS 2286
#define DOC_PAGES 3

static uint32_t xorshift32(uint32_t *state)
{
    uint32_t x = *state;

    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

static void set_pixel(uint8_t *row, int x)
{
    row[x >> 3] |= (uint8_t) (0x80 >> (x & 7));
}

/* One page as rows of 1-bit pixels, 1 = black (MinIsWhite). Border, lines of pseudo-text made of random
   glyph-like strokes, and a band of 4x4 ordered dither over a horizontal grey ramp. */
static void render_page(uint8_t *image, int page)
{
    static const int bayer[4][4] = {{0, 8, 2, 10}, {12, 4, 14, 6}, {3, 11, 1, 9}, {15, 7, 13, 5}};
    const int stride = DOC_WIDTH / 8;
    uint32_t rng = 0x9E3779B9u ^ (uint32_t) (page + 1) * 2654435761u;
    const int margin = 80;
    const int band_top = 1500 + 120 * page;
    const int band_rows = 64;
    int y;
    int x;

    memset(image, 0, (size_t) stride * DOC_ROWS);

    /* 4-pixel border */
    for (y = 0; y < DOC_ROWS; y++)
    {
        uint8_t *row = image + (size_t) y * stride;

        for (x = 0; x < DOC_WIDTH; x++)
        {
            if (y < 4 || y >= DOC_ROWS - 4 || x < 4 || x >= DOC_WIDTH - 4)
                set_pixel(row, x);
        }
    }

    /* Pseudo-text: 24-row text lines at a 48-row pitch in paragraphs of 8 lines, 12-pixel glyph cells with
       random strokes, random word gaps. */
    for (y = 150; y + 24 < DOC_ROWS - 150; y += 48)
    {
        int line_end;

        if (y + 24 >= band_top && y < band_top + band_rows)
            continue;
        if ((y - 150) / 48 % 9 == 8)
            continue; /* paragraph gap */
        line_end = DOC_WIDTH - margin - (int) (xorshift32(&rng) % 600);
        for (x = margin; x + 12 < line_end; x += 14)
        {
            uint32_t glyph = xorshift32(&rng);
            int gy;
            int gx;

            if ((glyph & 3) == 0)
            {
                x += 14; /* word gap */
                continue;
            }
            for (gy = 0; gy < 24; gy++)
            {
                uint8_t *row = image + (size_t) (y + gy) * stride;

                for (gx = 0; gx < 12; gx++)
                {
                    int stroke = 0;

                    if ((glyph >> 3 & 1) && gx < 2)
                        stroke = 1; /* left stem */
                    if ((glyph >> 4 & 1) && gx >= 10)
                        stroke = 1; /* right stem */
                    if ((glyph >> 5 & 1) && gy < 2)
                        stroke = 1; /* top bar */
                    if ((glyph >> 6 & 1) && gy >= 11 && gy < 13)
                        stroke = 1; /* middle bar */
                    if ((glyph >> 7 & 1) && gy >= 22)
                        stroke = 1; /* bottom bar */
                    if ((glyph >> 8 & 7) == 0 && abs(gx - gy / 2) < 1)
                        stroke = 1; /* diagonal */
                    if (stroke)
                        set_pixel(row, x + gx);
                }
            }
        }
    }

    /* Dither band: grey ramp from white (left) to black (right). */
    for (y = band_top; y < band_top + band_rows; y++)
    {
        uint8_t *row = image + (size_t) y * stride;

        for (x = margin; x < DOC_WIDTH - margin; x++)
        {
            int level = (x - margin) * 17 / (DOC_WIDTH - 2 * margin);

            if (level > bayer[y & 3][x & 3])
                set_pixel(row, x);
        }
    }
}

static int make_tif(const char *path)
{
    TIFF *tif;
    uint8_t *image;
    int page;
    int y;
    const int stride = DOC_WIDTH / 8;

    tif = TIFFOpen(path, "w");
    if (tif == NULL)
    {
        fprintf(stderr, "cannot create %s\n", path);
        return -1;
    }
    image = malloc((size_t) stride * DOC_ROWS);
    if (image == NULL)
    {
        TIFFClose(tif);
        return -1;
    }
    for (page = 0; page < DOC_PAGES; page++)
    {
        render_page(image, page);
        TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
        TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, DOC_WIDTH);
        TIFFSetField(tif, TIFFTAG_IMAGELENGTH, DOC_ROWS);
        TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 1);
        TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
        TIFFSetField(tif, TIFFTAG_FILLORDER, FILLORDER_LSB2MSB);
        TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX3);
        TIFFSetField(tif, TIFFTAG_GROUP3OPTIONS, GROUP3OPT_2DENCODING | GROUP3OPT_FILLBITS);
        TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
        TIFFSetField(tif, TIFFTAG_XRESOLUTION, 204.0f);
        TIFFSetField(tif, TIFFTAG_YRESOLUTION, 196.0f);
        TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, DOC_ROWS);
        TIFFSetField(tif, TIFFTAG_PAGENUMBER, page, DOC_PAGES);
        TIFFSetField(tif, TIFFTAG_SOFTWARE, "FaxBox spandsp_bench");
        for (y = 0; y < DOC_ROWS; y++)
        {
            if (TIFFWriteScanline(tif, image + (size_t) y * stride, (uint32_t) y, 0) < 0)
            {
                fprintf(stderr, "cannot write %s page %d row %d\n", path, page, y);
                free(image);
                TIFFClose(tif);
                return -1;
            }
        }
        if (!TIFFWriteDirectory(tif))
        {
            fprintf(stderr, "cannot write %s page %d\n", path, page);
            free(image);
            TIFFClose(tif);
            return -1;
        }
    }
    free(image);
    TIFFClose(tif);
    return 0;
}

/* ------------------------------------------------------------------------------------------------- */
/* Command line                                                                                       */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: spandsp_bench [options]\n"
            "       spandsp_bench --make-tif FILE\n"
            "\n"
            "Runs one complete fax call through Debian libspandsp 0.0.6 in 20 ms (160-sample) frames and prints,\n"
            "per role, the thread CPU time of that role's library calls per frame (timer overhead removed).\n"
            "\n"
            "  --scenario audio|gw2term|term2gw   (default audio)\n"
            "        audio:   fax_state_t sender (audio-tx) <-> fax_state_t receiver (audio-rx)\n"
            "        gw2term: fax_state_t sender (audio-tx) -> t38_gateway (gateway-audio-to-t38)\n"
            "                 -> IFPs -> t38_terminal receiver (t38-terminal)\n"
            "        term2gw: t38_terminal sender (t38-terminal) -> IFPs -> t38_gateway (gateway-t38-to-audio)\n"
            "                 -> fax_state_t receiver (audio-rx)\n"
            "  --modem v17|v29|v27ter             the only modem both T.30 ends offer; the gateway also gets the slower\n"
            "                                     ones, since DIS rate codes are cumulative (default v17)\n"
            "  --ecm 0|1                          T.30 error correction mode; 1 also offers T.6 (default 1)\n"
            "  --tif FILE                         document to send (default: a generated 3-page test document in /tmp)\n"
            "  --rx-tif FILE                      where the receiver writes (default: /tmp/spandsp_bench_rx.PID.tif, removed)\n"
            "  --law linear|alaw|ulaw             G.711 round trip on every audio leg, untimed (default linear)\n"
            "  --frames-limit N                   watchdog: fail if the call has not ended after N frames (default %d)\n"
            "  --make-tif FILE                    write the 3-page test document (1728x2286, 204x196 dpi, T.4 2-D) and exit\n"
            "  -v                                 spandsp T.30/gateway flow logging on stderr\n"
            "  -h, --help\n"
            "\n"
            "Output: one 'role=...' line per role plus one 'call=...' summary line, space-separated key=value.\n"
            "Exit: 0 call OK on both ends with all pages; 1 call failed or watchdog; 2 usage; 3 setup error.\n",
            DEFAULT_FRAMES_LIMIT);
}

static const char *need_arg(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
    {
        fprintf(stderr, "%s needs a value\n", argv[*i]);
        usage(stderr);
        exit(EXIT_USAGE);
    }
    return argv[++*i];
}

static void parse_args(int argc, char **argv, options_t *o)
{
    int i;

    memset(o, 0, sizeof(*o));
    o->scenario = SCENARIO_AUDIO;
    o->scenario_name = "audio";
    o->modem_name = "v17";
    o->modems = T30_SUPPORT_V17;
    o->ecm = 1;
    o->law_name = "linear";
    o->law = -1;
    o->frames_limit = DEFAULT_FRAMES_LIMIT;

    for (i = 1; i < argc; i++)
    {
        const char *a = argv[i];

        if (strcmp(a, "--scenario") == 0)
        {
            o->scenario_name = need_arg(argc, argv, &i);
            if (strcmp(o->scenario_name, "audio") == 0)
                o->scenario = SCENARIO_AUDIO;
            else if (strcmp(o->scenario_name, "gw2term") == 0)
                o->scenario = SCENARIO_GW2TERM;
            else if (strcmp(o->scenario_name, "term2gw") == 0)
                o->scenario = SCENARIO_TERM2GW;
            else
            {
                fprintf(stderr, "unknown scenario '%s'\n", o->scenario_name);
                exit(EXIT_USAGE);
            }
        }
        else if (strcmp(a, "--modem") == 0)
        {
            o->modem_name = need_arg(argc, argv, &i);
            if (strcmp(o->modem_name, "v17") == 0)
                o->modems = T30_SUPPORT_V17;
            else if (strcmp(o->modem_name, "v29") == 0)
                o->modems = T30_SUPPORT_V29;
            else if (strcmp(o->modem_name, "v27ter") == 0)
                o->modems = T30_SUPPORT_V27TER;
            else
            {
                fprintf(stderr, "unknown modem '%s'\n", o->modem_name);
                exit(EXIT_USAGE);
            }
        }
        else if (strcmp(a, "--ecm") == 0)
        {
            const char *v = need_arg(argc, argv, &i);

            if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
            {
                fprintf(stderr, "--ecm takes 0 or 1\n");
                exit(EXIT_USAGE);
            }
            o->ecm = v[0] == '1';
        }
        else if (strcmp(a, "--tif") == 0)
        {
            o->tif = need_arg(argc, argv, &i);
        }
        else if (strcmp(a, "--rx-tif") == 0)
        {
            o->rx_tif = need_arg(argc, argv, &i);
        }
        else if (strcmp(a, "--law") == 0)
        {
            o->law_name = need_arg(argc, argv, &i);
            if (strcmp(o->law_name, "linear") == 0)
                o->law = -1;
            else if (strcmp(o->law_name, "alaw") == 0)
                o->law = G711_ALAW;
            else if (strcmp(o->law_name, "ulaw") == 0)
                o->law = G711_ULAW;
            else
            {
                fprintf(stderr, "unknown law '%s'\n", o->law_name);
                exit(EXIT_USAGE);
            }
        }
        else if (strcmp(a, "--frames-limit") == 0)
        {
            char *end;

            o->frames_limit = strtol(need_arg(argc, argv, &i), &end, 10);
            if (*end != '\0' || o->frames_limit <= 0)
            {
                fprintf(stderr, "--frames-limit takes a positive integer\n");
                exit(EXIT_USAGE);
            }
        }
        else if (strcmp(a, "--make-tif") == 0)
        {
            exit(make_tif(need_arg(argc, argv, &i)) == 0 ? 0 : EXIT_SETUP);
        }
        else if (strcmp(a, "-v") == 0)
        {
            o->verbose = 1;
        }
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
        {
            usage(stdout);
            exit(0);
        }
        else
        {
            fprintf(stderr, "unknown option '%s'\n", a);
            usage(stderr);
            exit(EXIT_USAGE);
        }
    }
}

/* ------------------------------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    options_t o;
    role_t roles[3];
    int nroles;
    role_t *sender;
    role_t *receiver;
    role_t *gateway;
    ifp_queue_t *to_term;   /* gateway -> terminal */
    ifp_queue_t *to_gw;     /* terminal -> gateway */
    g711_state_t *g711 = NULL;
    char tmp_tif[64];
    char tmp_rx[64];
    int generated_tif = 0;
    double overhead_ns;
    long frame;
    int i;
    int ok;
    t30_stats_t tx_stats;
    t30_stats_t rx_stats;
    t38_stats_t gw_stats;

    parse_args(argc, argv, &o);
    TIFFSetWarningHandler(NULL);

    if (o.tif == NULL)
    {
        snprintf(tmp_tif, sizeof(tmp_tif), "/tmp/spandsp_bench_doc.%d.tif", (int) getpid());
        if (make_tif(tmp_tif) != 0)
            return EXIT_SETUP;
        o.tif = tmp_tif;
        generated_tif = 1;
    }
    else if (access(o.tif, R_OK) != 0)
    {
        fprintf(stderr, "cannot read %s: %s\n", o.tif, strerror(errno));
        return EXIT_SETUP;
    }
    if (o.rx_tif == NULL)
    {
        snprintf(tmp_rx, sizeof(tmp_rx), "/tmp/spandsp_bench_rx.%d.tif", (int) getpid());
        o.rx_tif = tmp_rx;
    }
    if (o.law >= 0)
        g711 = g711_init(NULL, o.law);

    to_term = calloc(1, sizeof(ifp_queue_t));
    to_gw = calloc(1, sizeof(ifp_queue_t));
    if (to_term == NULL || to_gw == NULL)
        return EXIT_SETUP;

    memset(roles, 0, sizeof(roles));
    sender = &roles[0];
    receiver = &roles[1];
    gateway = NULL;
    nroles = 2;
    switch (o.scenario)
    {
    case SCENARIO_AUDIO:
        sender->name = "audio-tx";
        sender->dir = "tx";
        make_fax(sender, &o, TRUE, TRUE);
        receiver->name = "audio-rx";
        receiver->dir = "rx";
        make_fax(receiver, &o, FALSE, FALSE);
        break;
    case SCENARIO_GW2TERM:
        gateway = &roles[2];
        nroles = 3;
        sender->name = "audio-tx";
        sender->dir = "tx";
        make_fax(sender, &o, TRUE, TRUE);
        gateway->name = "gateway-audio-to-t38";
        gateway->dir = "gw";
        make_gateway(gateway, &o, to_term);
        gateway->ifp_in = to_gw;
        receiver->name = "t38-terminal";
        receiver->dir = "rx";
        make_terminal(receiver, &o, FALSE, FALSE, to_gw);
        receiver->ifp_in = to_term;
        break;
    case SCENARIO_TERM2GW:
        gateway = &roles[2];
        nroles = 3;
        sender->name = "t38-terminal";
        sender->dir = "tx";
        make_terminal(sender, &o, TRUE, TRUE, to_gw);
        sender->ifp_in = to_term;
        gateway->name = "gateway-t38-to-audio";
        gateway->dir = "gw";
        make_gateway(gateway, &o, to_term);
        gateway->ifp_in = to_gw;
        receiver->name = "audio-rx";
        receiver->dir = "rx";
        make_fax(receiver, &o, FALSE, FALSE);
        break;
    }
    for (i = 0; i < nroles; i++)
    {
        roles[i].frame_us = malloc(sizeof(double) * (size_t) o.frames_limit);
        if (roles[i].frame_us == NULL)
        {
            fprintf(stderr, "out of memory\n");
            return EXIT_SETUP;
        }
    }

    overhead_ns = calibrate_timer_overhead_ns();

    /* The call. Each frame every role consumes what its peers produced in the previous frame (audio and
       IFPs), then produces this frame's output: 20 ms of latency per hop, in both directions. */
    for (frame = 0; frame < o.frames_limit; frame++)
    {
        unsigned to_term_until = to_term->tail;
        unsigned to_gw_until = to_gw->tail;

        for (i = 0; i < nroles; i++)
        {
            if (roles[i].ifp_in == to_term)
                roles[i].ifp_until = to_term_until;
            else if (roles[i].ifp_in == to_gw)
                roles[i].ifp_until = to_gw_until;
            role_step(&roles[i], overhead_ns);
        }

        /* Audio legs for the next frame. */
        switch (o.scenario)
        {
        case SCENARIO_AUDIO:
            audio_leg(sender->out, receiver->in, g711);
            audio_leg(receiver->out, sender->in, g711);
            break;
        case SCENARIO_GW2TERM:
            audio_leg(sender->out, gateway->in, g711);
            audio_leg(gateway->out, sender->in, g711);
            break;
        case SCENARIO_TERM2GW:
            audio_leg(gateway->out, receiver->in, g711);
            audio_leg(receiver->out, gateway->in, g711);
            break;
        }

        if (to_term->overflowed || to_gw->overflowed)
        {
            fprintf(stderr, "IFP queue overflow\n");
            return EXIT_SETUP;
        }
        if (sender->done && receiver->done)
        {
            frame++;
            break;
        }
    }

    t30_get_transfer_statistics(sender->t30, &tx_stats);
    t30_get_transfer_statistics(receiver->t30, &rx_stats);
    memset(&gw_stats, 0, sizeof(gw_stats));
    if (gateway)
        t38_gateway_get_transfer_statistics(gateway->gateway, &gw_stats);

    ok = sender->done && receiver->done
         && sender->result == T30_ERR_OK && receiver->result == T30_ERR_OK
         && tx_stats.pages_tx > 0 && rx_stats.pages_rx == tx_stats.pages_tx;

    printf("# spandsp_bench libspandsp 0.0.6, %s, timer overhead %.1f ns per bracket (subtracted)\n",
           o.tif, overhead_ns);
    print_role(sender, &o, sender->done ? sender->result : -1, tx_stats.pages_tx, tx_stats.bit_rate);
    if (gateway)
        print_role(gateway, &o, ok ? 0 : (receiver->result != 0 ? receiver->result : (sender->result != 0 ? sender->result : -1)),
                   gw_stats.pages_transferred, gw_stats.bit_rate);
    print_role(receiver, &o, receiver->done ? receiver->result : -1, rx_stats.pages_rx, rx_stats.bit_rate);
    printf("call=%s scenario=%s modem=%s ecm=%d law=%s frames=%ld sim_s=%.2f timer_overhead_ns=%.1f"
           " tx_result=%d rx_result=%d tx_pages=%d rx_pages=%d bit_rate=%d ecm_used=%d"
           " ifps_to_terminal=%" PRIu64 " ifps_to_gateway=%" PRIu64 " tx_result_text=\"%s\" rx_result_text=\"%s\"\n",
           ok ? "ok" : "failed", o.scenario_name, o.modem_name, o.ecm, o.law_name, frame,
           (double) frame * FRAME_MS / 1000.0, overhead_ns,
           sender->done ? sender->result : -1, receiver->done ? receiver->result : -1,
           tx_stats.pages_tx, rx_stats.pages_rx, rx_stats.bit_rate, rx_stats.error_correcting_mode,
           to_term->ifps, to_gw->ifps,
           sender->done ? t30_completion_code_to_str(sender->result) : "not finished (watchdog)",
           receiver->done ? t30_completion_code_to_str(receiver->result) : "not finished (watchdog)");

    for (i = 0; i < nroles; i++)
        free_role(&roles[i]);
    if (g711)
        g711_free(g711);
    free(to_term);
    free(to_gw);
    if (generated_tif)
        unlink(o.tif);
    if (o.rx_tif == tmp_rx)
        unlink(tmp_rx);
    return ok ? 0 : EXIT_CALL_FAILED;
}
