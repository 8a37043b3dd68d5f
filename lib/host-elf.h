/* SPDX-License-Identifier: MIT */
/* The host's own executables, as binfmt_misc would see them. */
#ifndef QBINFMT_HOST_ELF_H
#define QBINFMT_HOST_ELF_H

#include "entry.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct host_elf {
	unsigned char header[64]; /* the ELF header of /proc/self/exe */
	size_t len;
};

/* Read our own executable's header.  0, or -errno (-ENOEXEC: not ELF). */
int host_elf_read(struct host_elf *host);

/*
 * The host runs its executables as ET_EXEC and as ET_DYN (PIE), with OSABI
 * 0 (System V) or 3 (GNU/Linux): four variants of one header.
 */
#define HOST_ELF_VARIANTS 4
struct host_elf_variant {
	uint16_t type; /* e_type */
	uint8_t osabi; /* e_ident[EI_OSABI] */
};
extern const struct host_elf_variant host_elf_variants[HOST_ELF_VARIANTS];

/* Which variants of `header` (one of the host's executables, len bytes)
 * the entry matches: bit i for host_elf_variants[i]; 0 for none. */
unsigned host_elf_variants_matched(const unsigned char *header, size_t len,
				   const struct binfmt_entry *entry);

/* Would the entry capture the host's own programs (any variant)? */
bool host_elf_captured_by(const struct host_elf *host, const struct binfmt_entry *entry);

#endif
