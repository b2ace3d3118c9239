/* ECDSA verification over secp256k1 with a table of multiples precomputed per public key (and one for the
 * generator): R = u1*G + u2*P as a sum of table entries, without doublings. libsecp256k1's own check
 * (secp256k1_ecdsa_verify) builds a small table of P for every call and doubles 128 times; a key that signs
 * often pays for its table once. Several checks at once (kt_verify_batch) add their sums' terms in affine
 * coordinates and share the field inversions that takes, and their scalar inversions. The arithmetic is
 * libsecp256k1's (third_party/libsecp256k1: the field, scalar and group code that go-ethereum's copy, the node's
 * other verifier, is built from); everything here is variable-time, which is fine for a check on public data. */
#include "assumptions.h"
#include "checkmem.h"
#include "util.h"
#include "field_impl.h"
#include "scalar_impl.h"
#include "group_impl.h"
#include "int128_impl.h"
#include <stdlib.h>

/* Each half of the endomorphism split of a scalar (under 2^128 in absolute value) is written in signed digits of
 * w bits, d in [-2^(w-1)+1, 2^(w-1)]: a table holds |d| * 2^(w*c) * P for every digit position c, a row a
 * position. A key's table has 8-bit digits (17 rows of 128 entries, 136 KiB). The generator's is made once for
 * the process, so it affords KT_GW-bit digits: fewer rows, so fewer additions a check. */
#define KT_W 8
#define KT_DIGITS 17
#define KT_ENTRIES 128
#ifndef KT_GW
#define KT_GW 11
#endif
#define KT_GDIGITS ((128 + KT_GW) / KT_GW) /* enough for 128 bits and the last digit's carry */
#define KT_GENTRIES (1 << (KT_GW - 1))

typedef struct {
    secp256k1_ge_storage p[KT_DIGITS][KT_ENTRIES];
} kt_table;

/* n and p - n, as in libsecp256k1's ecdsa_impl.h. */
static const secp256k1_fe kt_order_as_fe = SECP256K1_FE_CONST(
    0xFFFFFFFFUL, 0xFFFFFFFFUL, 0xFFFFFFFFUL, 0xFFFFFFFEUL,
    0xBAAEDCE6UL, 0xAF48A03BUL, 0xBFD25E8CUL, 0xD0364141UL);
static const secp256k1_fe kt_p_minus_order = SECP256K1_FE_CONST(
    0, 0, 0, 1, 0x45512319UL, 0x50B75FC4UL, 0x402DA172UL, 0x2FC9BAEEUL);

/* kt_build_rows fills rows (digits rows of 2^(w-1) entries) for P. No entry is the point at infinity: each is
 * m*P with 0 < m < 2^(w*digits) <= 2^140 < n, and P has order n. A row at a time (2^(w-1) Jacobian points of
 * scratch, which malloc serves from its heap: a whole table's scratch would be fresh pages, and their faults cost
 * more than the arithmetic); an inversion a row to make it affine. */
static int kt_build_rows(secp256k1_ge_storage *rows, const secp256k1_ge *P, int w, int digits) {
    size_t entries = (size_t)1 << (w - 1), e;
    secp256k1_gej *row = malloc(entries * sizeof(secp256k1_gej));
    secp256k1_ge *a = malloc(entries * sizeof(secp256k1_ge));
    secp256k1_ge base = *P;
    secp256k1_gej next;
    int c;
    if (row == NULL || a == NULL) {
        free(row);
        free(a);
        return 0;
    }
    for (c = 0; c < digits; c++) {
        secp256k1_gej_set_ge(&row[0], &base);
        for (e = 1; e < entries; e++) {
            secp256k1_gej_add_ge_var(&row[e], &row[e - 1], &base, NULL);
        }
        secp256k1_ge_set_all_gej_var(a, row, entries);
        for (e = 0; e < entries; e++) {
            secp256k1_ge_to_storage(&rows[c * entries + e], &a[e]);
        }
        secp256k1_gej_double_var(&next, &row[entries - 1], NULL); /* 2^w times the row's base */
        secp256k1_ge_set_gej_var(&base, &next); /* affine, for the cheaper mixed additions */
    }
    free(row);
    free(a);
    return 1;
}

/* kt_build fills t for the public key X||Y (64 bytes, big-endian); 0 if that is not a point of the curve
 * (or memory ran out). */
static int kt_build(kt_table *t, const unsigned char *xy) {
    secp256k1_fe x, y;
    secp256k1_ge P;
    if (!secp256k1_fe_set_b32_limit(&x, xy) || !secp256k1_fe_set_b32_limit(&y, xy + 32)) {
        return 0;
    }
    secp256k1_ge_set_xy(&P, &x, &y);
    if (!secp256k1_ge_is_valid_var(&P)) {
        return 0;
    }
    return kt_build_rows(&t->p[0][0], &P, KT_W, KT_DIGITS);
}

/* Aligned to cache lines, so that an entry (64 bytes) is one line. */
static secp256k1_ge_storage kt_g[KT_GDIGITS][KT_GENTRIES] __attribute__((aligned(64)));

static int kt_init(void) { return kt_build_rows(&kt_g[0][0], &secp256k1_ge_const_g, KT_GW, KT_GDIGITS); }

/* A term of R's sum: a table entry, negated and/or mapped by the endomorphism (lambda). */
typedef struct {
    const secp256k1_ge_storage *e;
    unsigned char neg, lambda;
} kt_term;

#define KT_MAXTERMS (2 * KT_GDIGITS + 2 * KT_DIGITS)

/* kt_terms writes the terms of k*Q (Q the point of rows, with w-bit digits, or with lambda its image under the
 * endomorphism) to t and returns how many; -1 if neither k nor -k is under 2^128, which
 * secp256k1_scalar_split_lambda promises never happens. */
static int kt_terms(kt_term *t, const secp256k1_ge_storage *rows, int w, int digits, const secp256k1_scalar *kin,
                    int lambda) {
    secp256k1_scalar k = *kin;
    int neg = 0, carry = 0, c, n = 0, half = 1 << (w - 1);
    if (secp256k1_scalar_is_high(&k)) {
        secp256k1_scalar_negate(&k, &k);
        neg = 1;
    }
    if (secp256k1_scalar_get_bits_var(&k, 128, 32) | secp256k1_scalar_get_bits_var(&k, 160, 32) |
        secp256k1_scalar_get_bits_var(&k, 192, 32) | secp256k1_scalar_get_bits_var(&k, 224, 32)) {
        return -1;
    }
    for (c = 0; c < digits; c++) {
        int d = carry + (c * w < 128 ? (int)secp256k1_scalar_get_bits_var(&k, c * w, w) : 0);
        carry = d > half;
        if (carry) {
            d -= 1 << w;
        }
        if (d == 0) {
            continue;
        }
        t[n].e = &rows[c * half + (d < 0 ? -d : d) - 1];
        t[n].neg = (d < 0) != neg;
        t[n].lambda = (unsigned char)lambda;
        n++;
    }
    return carry ? -1 : n;
}

static void kt_term_ge(secp256k1_ge *p, const kt_term *t) {
    secp256k1_ge_from_storage(p, t->e);
    if (t->lambda) {
        secp256k1_ge_mul_lambda(p, p);
    }
    if (t->neg) {
        secp256k1_ge_neg(p, p);
    }
}

/* kt_prefetch asks for the n terms' table entries at once. A node checks one signature each of many keys, whose
 * tables do not stay in its caches; fetched one by one as the additions reach them, their misses came one after
 * another (BenchmarkVerifyManyKeys/1-cold, caches flushed before each check: 18.9-19.8 µs a check against
 * 24.6-27.9; 8-cold 13.2-13.7 against 15.7-16.6; medians of two sets of five runs in turns). An entry is 64 bytes;
 * a key's table, allocated by Go, is not promised to be aligned to cache lines. */
static void kt_prefetch(const kt_term *t, int n) {
    int i;
    for (i = 0; i < n; i++) {
        __builtin_prefetch(t[i].e);
        __builtin_prefetch((const unsigned char *)t[i].e + sizeof(secp256k1_ge_storage) - 1);
    }
}

/* kt_parse reads the signature R||S (64 bytes) into r and s: 1, or 0 if it is invalid on its face (as
 * secp256k1_ecdsa_verify: a high S is invalid). */
static int kt_parse(secp256k1_scalar *r, secp256k1_scalar *s, const unsigned char *sig) {
    int overflow = 0;
    secp256k1_scalar_set_b32(r, sig, &overflow);
    if (overflow) {
        return 0;
    }
    secp256k1_scalar_set_b32(s, sig + 32, &overflow);
    if (overflow) {
        return 0;
    }
    return !secp256k1_scalar_is_zero(r) && !secp256k1_scalar_is_zero(s) && !secp256k1_scalar_is_high(s);
}

/* kt_prepare writes the terms of R = u1*G + u2*P to t (*n of them) and r to *xr, for the signature (r, s) with
 * sn = 1/s of the 32-byte hash by the table's key: 1, or -1 undecided (kt_terms' -1). */
static int kt_prepare(kt_term *t, int *n, secp256k1_fe *xr, const kt_table *tp, const secp256k1_scalar *r,
                      const secp256k1_scalar *sn, const unsigned char *hash) {
    secp256k1_scalar m, u1, u2, a[4];
    const secp256k1_ge_storage *rows[4] = {&kt_g[0][0], &kt_g[0][0], &tp->p[0][0], &tp->p[0][0]};
    static const int w[4] = {KT_GW, KT_GW, KT_W, KT_W}, digits[4] = {KT_GDIGITS, KT_GDIGITS, KT_DIGITS, KT_DIGITS};
    unsigned char c[32];
    int i, k;
    secp256k1_scalar_set_b32(&m, hash, NULL);
    secp256k1_scalar_mul(&u1, sn, &m);
    secp256k1_scalar_mul(&u2, sn, r);
    secp256k1_scalar_split_lambda(&a[0], &a[1], &u1);
    secp256k1_scalar_split_lambda(&a[2], &a[3], &u2);
    *n = 0;
    for (i = 0; i < 4; i++) {
        if ((k = kt_terms(t + *n, rows[i], w[i], digits[i], &a[i], i & 1)) < 0) {
            return -1;
        }
        *n += k;
    }
    secp256k1_scalar_get_b32(c, r);
    (void)secp256k1_fe_set_b32_limit(xr, c);
    return 1;
}

/* kt_verify checks the signature R||S (64 bytes) of the 32-byte hash by the table's key, with the answer of
 * secp256k1_ecdsa_verify (so a high S is invalid): 1 valid, 0 invalid, -1 undecided (kt_terms' -1). */
static int kt_verify(const kt_table *tp, const unsigned char *sig, const unsigned char *hash) {
    kt_term t[KT_MAXTERMS];
    secp256k1_gej pr;
    secp256k1_fe xr;
    secp256k1_scalar r, s, sn;
    int n, i, ok;
    if (!kt_parse(&r, &s, sig)) {
        return 0;
    }
    secp256k1_scalar_inverse_var(&sn, &s);
    if ((ok = kt_prepare(t, &n, &xr, tp, &r, &sn, hash)) != 1) {
        return ok;
    }
    kt_prefetch(t, n);
    secp256k1_gej_set_infinity(&pr);
    for (i = 0; i < n; i++) {
        secp256k1_ge p;
        secp256k1_gej sum;
        kt_term_ge(&p, &t[i]);
        secp256k1_gej_add_ge_var(&sum, &pr, &p, NULL);
        pr = sum;
    }
    if (secp256k1_gej_is_infinity(&pr)) {
        return 0;
    }
    /* As secp256k1_ecdsa_sig_verify: X(pr) mod n == r, compared without an inversion. */
    if (secp256k1_gej_eq_x_var(&xr, &pr)) {
        return 1;
    }
    if (secp256k1_fe_cmp_var(&xr, &kt_p_minus_order) >= 0) {
        return 0;
    }
    secp256k1_fe_add(&xr, &kt_order_as_fe);
    return secp256k1_gej_eq_x_var(&xr, &pr);
}

/* kt_verify_batch checks n signatures at once (sigs and hashes as kt_verify's, one after another) and writes
 * kt_verify's answers to res. Each sum's terms are added in pairs, level by level (58 terms in 6 levels), in affine
 * coordinates: all the additions of a level, in every sum, share one field inversion (Montgomery's trick), and an
 * affine addition then costs about 6 field multiplications against the 11 of kt_verify's mixed one. A pair of the
 * same x (a doubling or the point at infinity, which the affine formula cannot take) leaves its signature to
 * kt_verify. 0 if memory ran out. */
static int kt_verify_batch(const kt_table *const *tabs, const unsigned char *sigs, const unsigned char *hashes,
                           int n, signed char *res) {
    size_t cap = (size_t)n * KT_MAXTERMS, half = (size_t)n * (KT_MAXTERMS / 2 + 1), m, k;
    kt_term *t = malloc(cap * sizeof(kt_term));
    secp256k1_ge *pts = malloc(cap * sizeof(secp256k1_ge));
    secp256k1_fe *xr = malloc((size_t)n * sizeof(secp256k1_fe));
    secp256k1_fe *dx = malloc(half * sizeof(secp256k1_fe)), *inv = malloc(half * sizeof(secp256k1_fe));
    secp256k1_scalar *r = malloc((size_t)n * sizeof(secp256k1_scalar)), *s = malloc((size_t)n * sizeof(secp256k1_scalar));
    secp256k1_scalar *sprod = malloc((size_t)n * sizeof(secp256k1_scalar));
    int *cnt = malloc((size_t)n * sizeof(int)), *lane = malloc(half * sizeof(int)), *slot = malloc(half * sizeof(int));
    int i, j, ok = t && pts && xr && dx && inv && r && s && sprod && cnt && lane && slot;
    if (!ok) {
        goto out;
    }
    /* 1/s of every signature with one scalar inversion, as below for the field. */
    m = 0;
    for (i = 0; i < n; i++) {
        if ((res[i] = (signed char)kt_parse(&r[i], &s[i], sigs + 64 * i))) {
            if (m > 0) {
                secp256k1_scalar_mul(&sprod[i], &sprod[lane[m - 1]], &s[i]);
            } else {
                sprod[i] = s[i];
            }
            lane[m++] = i;
        }
    }
    if (m > 0) {
        secp256k1_scalar sacc;
        secp256k1_scalar_inverse_var(&sacc, &sprod[lane[m - 1]]);
        for (k = m - 1; k > 0; k--) {
            secp256k1_scalar_mul(&sprod[lane[k]], &sprod[lane[k - 1]], &sacc); /* now 1/s */
            secp256k1_scalar_mul(&sacc, &sacc, &s[lane[k]]);
        }
        sprod[lane[0]] = sacc;
    }
    for (i = 0; i < n; i++) {
        if (res[i] == 1) {
            res[i] = (signed char)kt_prepare(t + (size_t)i * KT_MAXTERMS, &cnt[i], &xr[i], tabs[i], &r[i],
                                             &sprod[i], hashes + 32 * i);
        }
        if (res[i] == 1) {
            kt_prefetch(t + (size_t)i * KT_MAXTERMS, cnt[i]);
        }
    }
    for (i = 0; i < n; i++) {
        secp256k1_ge *p = pts + (size_t)i * KT_MAXTERMS;
        for (j = 0; res[i] == 1 && j < cnt[i]; j++) {
            kt_term_ge(&p[j], &t[(size_t)i * KT_MAXTERMS + j]);
        }
    }
    for (;;) {
        secp256k1_fe acc;
        /* This level's pairs: p[2j] + p[2j+1] of every sum still in play. */
        m = 0;
        for (i = 0; i < n; i++) {
            const secp256k1_ge *p = pts + (size_t)i * KT_MAXTERMS;
            size_t first = m;
            if (res[i] != 1 || cnt[i] < 2) {
                continue;
            }
            for (j = 0; j + 1 < cnt[i]; j += 2) {
                secp256k1_fe_negate(&dx[m], &p[j].x, 1);
                secp256k1_fe_add(&dx[m], &p[j + 1].x);
                if (secp256k1_fe_normalizes_to_zero_var(&dx[m])) {
                    res[i] = -1;
                    m = first;
                    break;
                }
                lane[m] = i;
                slot[m++] = j;
            }
        }
        if (m == 0) {
            break;
        }
        /* inv[k] = 1/dx[k]: inv holds the running products, then one inversion, then back. */
        inv[0] = dx[0];
        for (k = 1; k < m; k++) {
            secp256k1_fe_mul(&inv[k], &inv[k - 1], &dx[k]);
        }
        secp256k1_fe_inv_var(&acc, &inv[m - 1]);
        for (k = m - 1; k > 0; k--) {
            secp256k1_fe_mul(&inv[k], &inv[k - 1], &acc);
            secp256k1_fe_mul(&acc, &acc, &dx[k]);
        }
        inv[0] = acc;
        /* In increasing order, so that p[j] is written after p[2j] and p[2j+1] were read. */
        for (k = 0; k < m; k++) {
            secp256k1_ge *p = pts + (size_t)lane[k] * KT_MAXTERMS, *a = &p[slot[k]], *b = &p[slot[k] + 1];
            secp256k1_fe lambda, x3, y3, tmp;
            /* lambda = (y2 - y1) / (x2 - x1); x3 = lambda^2 - x1 - x2; y3 = lambda (x1 - x3) - y1 */
            secp256k1_fe_negate(&tmp, &a->y, 2); /* a term's y, negated, has magnitude 2 */
            secp256k1_fe_add(&tmp, &b->y);
            secp256k1_fe_mul(&lambda, &tmp, &inv[k]);
            secp256k1_fe_sqr(&x3, &lambda);
            secp256k1_fe_negate(&tmp, &a->x, 1);
            secp256k1_fe_add(&x3, &tmp);
            secp256k1_fe_negate(&tmp, &b->x, 1);
            secp256k1_fe_add(&x3, &tmp);
            secp256k1_fe_normalize_weak(&x3);
            secp256k1_fe_negate(&tmp, &x3, 1);
            secp256k1_fe_add(&tmp, &a->x);
            secp256k1_fe_mul(&y3, &lambda, &tmp);
            secp256k1_fe_negate(&tmp, &a->y, 2);
            secp256k1_fe_add(&y3, &tmp);
            secp256k1_fe_normalize_weak(&y3);
            secp256k1_ge_set_xy(&p[slot[k] / 2], &x3, &y3);
        }
        for (i = 0; i < n; i++) {
            secp256k1_ge *p = pts + (size_t)i * KT_MAXTERMS;
            if (res[i] != 1 || cnt[i] < 2) {
                continue;
            }
            if (cnt[i] % 2) {
                p[cnt[i] / 2] = p[cnt[i] - 1];
            }
            cnt[i] = (cnt[i] + 1) / 2;
        }
    }
    for (i = 0; i < n; i++) {
        secp256k1_fe x, xn;
        if (res[i] != 1) {
            continue;
        }
        if (cnt[i] == 0) { /* R is the point at infinity */
            res[i] = 0;
            continue;
        }
        /* As secp256k1_ecdsa_sig_verify: X(R) mod n == r. */
        x = pts[(size_t)i * KT_MAXTERMS].x;
        secp256k1_fe_normalize_var(&x);
        if (secp256k1_fe_cmp_var(&xr[i], &x) == 0) {
            continue;
        }
        res[i] = 0;
        if (secp256k1_fe_cmp_var(&xr[i], &kt_p_minus_order) < 0) {
            xn = xr[i];
            secp256k1_fe_add(&xn, &kt_order_as_fe);
            secp256k1_fe_normalize_var(&xn);
            res[i] = secp256k1_fe_cmp_var(&xn, &x) == 0;
        }
    }
    for (i = 0; i < n; i++) {
        if (res[i] == -1) {
            res[i] = (signed char)kt_verify(tabs[i], sigs + 64 * i, hashes + 32 * i);
        }
    }
out:
    free(t);
    free(pts);
    free(xr);
    free(dx);
    free(inv);
    free(r);
    free(s);
    free(sprod);
    free(cnt);
    free(lane);
    free(slot);
    return ok;
}
