/* SPDX-License-Identifier: MIT */
/*
 * The ELF headers real binaries of each qemu target carry, for deciding
 * what an entry matches without any binary at hand: each target's usual
 * header, the e_type and EI_OSABI variants every target's binaries come
 * in, and the rarer values toolchains write (elf_variants[]), each with
 * the binaries that carry it and where the value comes from.  The one
 * place these facts live; `qbinfmt status`, `elfprobe lint` and the
 * host checks all ask here.
 */
#ifndef QBINFMT_ELF_SAMPLES_H
#define QBINFMT_ELF_SAMPLES_H

#include "entry.h"
#include "targets.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The fields a sample header varies. */
struct elf_sample {
	uint16_t type;	    /* e_type: ET_EXEC or ET_DYN */
	uint8_t osabi;	    /* e_ident[EI_OSABI] */
	uint8_t abiversion; /* e_ident[EI_ABIVERSION] */
	uint32_t flags;	    /* e_flags */
};

/*
 * Every target's executables come as ET_EXEC (static, non-PIE) and ET_DYN
 * (PIE, static-pie, ld.so), with EI_OSABI 0 (System V) or 3 (GNU: GNU ld
 * writes it for IFUNC and unique symbols, so static glibc programs and
 * C++ programs carry it): four variants.
 */
#define ELF_COMMON_VARIANTS 4
extern const struct elf_sample elf_common_variants[ELF_COMMON_VARIANTS];

/* The usual binary of `t` of this e_type and OSABI: its usual e_flags
 * (those of a distribution's default output) and EI_ABIVERSION 0. */
struct elf_sample elf_sample_usual(const struct target *t, uint16_t type, uint8_t osabi);

/* Does `t`'s binaries' usual header carry OSABI 3 even without GNU
 * extensions (hppa: its linker always writes it)? */
bool elf_sample_gnu_only(const struct target *t);

/*
 * Write the first bytes of a binary of `t` with these fields into head
 * (zeroed, BINFMT_HEADER_SIZE bytes): e_ident (EV_CURRENT), e_type,
 * e_machine, e_version 1, e_flags; other fields stay zero.  Returns the
 * length of the ELF header.
 */
size_t elf_sample_header(const struct target *t, const struct elf_sample *s, unsigned char *head);

/* Does the entry match a usual binary of `t`, of any common variant (for
 * hppa, those with OSABI 3)?  This is what "an entry for t" means. */
bool elf_sample_matches(const struct binfmt_entry *e, const struct target *t);

/* Targets whose usual binaries the entry runs (enabled or not): at most
 * max stored, the total returned. */
size_t targets_matched_by(const struct binfmt_entry *e, const struct target **out, size_t max);

/* The same question for a real header (len bytes of one of the host's
 * executables, say): bit i is set when the entry matches it rewritten to
 * elf_common_variants[i]. */
unsigned elf_common_variants_matched(const unsigned char *header, size_t len,
				     const struct binfmt_entry *e);

/* How widespread the binaries carrying a variant are. */
enum elf_variant_reach {
	ELF_REACH_RARE,	   /* legacy, special-purpose, or one CPU model */
	ELF_REACH_COMMON,  /* a common toolchain, flag or language (Go, C++) */
	ELF_REACH_DEFAULT, /* a distribution's default output */
};

#define ELF_SAME (-1) /* a field of an elf_variant that keeps the usual value */

/* A header real binaries of some targets carry that differs from their
 * usual one: in one field, or two that come together. */
struct elf_variant {
	const char *targets; /* qemu target names, space-separated */
	int osabi;	     /* EI_OSABI, or ELF_SAME */
	int abiversion;	     /* EI_ABIVERSION, or ELF_SAME (0) */
	uint16_t type;	     /* ET_EXEC or ET_DYN; 0 for both */
	int64_t flags;	     /* e_flags, or ELF_SAME */
	enum elf_variant_reach reach;
	const char *binaries; /* which binaries: a toolchain flag, a distribution */
	const char *source;   /* where the value is written (binutils, glibc) */
};

extern const struct elf_variant elf_variants[];
extern const size_t elf_variant_count;

/* Do `t`'s binaries come with variant v? */
bool elf_variant_of(const struct elf_variant *v, const struct target *t);

/* `usual` (a sample of one of v's targets) with v's fields put in. */
struct elf_sample elf_variant_apply(const struct elf_variant *v, struct elf_sample usual);

#endif
