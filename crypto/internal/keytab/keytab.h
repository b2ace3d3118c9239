/* ECDSA verification over secp256k1 with a table of multiples precomputed per public key (and one for the
 * generator): R = u1*G + u2*P as a sum of table entries, without doublings. libsecp256k1's own check
 * (secp256k1_ecdsa_verify) builds a small table of P for every call and doubles 128 times; a key that signs
 * often pays for its table once. The arithmetic is libsecp256k1's (third_party/libsecp256k1: the field, scalar
 * and group code that go-ethereum's copy, the node's other verifier, is built from); everything here is
 * variable-time, which is fine for a check on public data. */
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

static secp256k1_ge_storage kt_g[KT_GDIGITS][KT_GENTRIES];

static int kt_init(void) { return kt_build_rows(&kt_g[0][0], &secp256k1_ge_const_g, KT_GW, KT_GDIGITS); }

/* acc += k*Q, Q the point of rows (w-bit digits) or (lambda) its image under the endomorphism. 0 if neither k
 * nor -k is under 2^128, which secp256k1_scalar_split_lambda promises never happens. */
static int kt_add_mul(secp256k1_gej *acc, const secp256k1_ge_storage *rows, int w, int digits,
                      const secp256k1_scalar *kin, int lambda) {
    secp256k1_scalar k = *kin;
    int neg = 0, carry = 0, c, half = 1 << (w - 1);
    if (secp256k1_scalar_is_high(&k)) {
        secp256k1_scalar_negate(&k, &k);
        neg = 1;
    }
    if (secp256k1_scalar_get_bits_var(&k, 128, 32) | secp256k1_scalar_get_bits_var(&k, 160, 32) |
        secp256k1_scalar_get_bits_var(&k, 192, 32) | secp256k1_scalar_get_bits_var(&k, 224, 32)) {
        return 0;
    }
    for (c = 0; c < digits; c++) {
        int d = carry + (c * w < 128 ? (int)secp256k1_scalar_get_bits_var(&k, c * w, w) : 0);
        secp256k1_ge p;
        secp256k1_gej sum;
        carry = d > half;
        if (carry) {
            d -= 1 << w;
        }
        if (d == 0) {
            continue;
        }
        secp256k1_ge_from_storage(&p, &rows[c * half + (d < 0 ? -d : d) - 1]);
        if (lambda) {
            secp256k1_ge_mul_lambda(&p, &p);
        }
        if ((d < 0) != neg) {
            secp256k1_ge_neg(&p, &p);
        }
        secp256k1_gej_add_ge_var(&sum, acc, &p, NULL);
        *acc = sum;
    }
    return !carry;
}

/* kt_verify checks the signature R||S (64 bytes) of the 32-byte hash by the table's key, with the answer of
 * secp256k1_ecdsa_verify (so a high S is invalid): 1 valid, 0 invalid, -1 undecided (kt_add_mul's 0). */
static int kt_verify(const kt_table *tp, const unsigned char *sig, const unsigned char *hash) {
    secp256k1_scalar r, s, m, sn, u1, u2, a1, a2, b1, b2;
    secp256k1_gej pr;
    secp256k1_fe xr;
    unsigned char c[32];
    int overflow = 0;
    secp256k1_scalar_set_b32(&r, sig, &overflow);
    if (overflow) {
        return 0;
    }
    secp256k1_scalar_set_b32(&s, sig + 32, &overflow);
    if (overflow) {
        return 0;
    }
    if (secp256k1_scalar_is_zero(&r) || secp256k1_scalar_is_zero(&s) || secp256k1_scalar_is_high(&s)) {
        return 0;
    }
    secp256k1_scalar_set_b32(&m, hash, NULL);
    secp256k1_scalar_inverse_var(&sn, &s);
    secp256k1_scalar_mul(&u1, &sn, &m);
    secp256k1_scalar_mul(&u2, &sn, &r);
    secp256k1_scalar_split_lambda(&a1, &a2, &u1);
    secp256k1_scalar_split_lambda(&b1, &b2, &u2);
    secp256k1_gej_set_infinity(&pr);
    if (!kt_add_mul(&pr, &kt_g[0][0], KT_GW, KT_GDIGITS, &a1, 0) ||
        !kt_add_mul(&pr, &kt_g[0][0], KT_GW, KT_GDIGITS, &a2, 1) ||
        !kt_add_mul(&pr, &tp->p[0][0], KT_W, KT_DIGITS, &b1, 0) ||
        !kt_add_mul(&pr, &tp->p[0][0], KT_W, KT_DIGITS, &b2, 1)) {
        return -1;
    }
    if (secp256k1_gej_is_infinity(&pr)) {
        return 0;
    }
    /* As secp256k1_ecdsa_sig_verify: X(pr) mod n == r, compared without an inversion. */
    secp256k1_scalar_get_b32(c, &r);
    (void)secp256k1_fe_set_b32_limit(&xr, c);
    if (secp256k1_gej_eq_x_var(&xr, &pr)) {
        return 1;
    }
    if (secp256k1_fe_cmp_var(&xr, &kt_p_minus_order) >= 0) {
        return 0;
    }
    secp256k1_fe_add(&xr, &kt_order_as_fe);
    return secp256k1_gej_eq_x_var(&xr, &pr);
}
