/* SPDX-License-Identifier: MIT */
/*
 * The entry qbinfmt registers for a target: its magic and mask, derived
 * from the target's ELF identity (targets.h) and from what real binaries
 * of it carry (elf-samples.h), never typed.
 */
#ifndef QBINFMT_TARGET_ENTRY_H
#define QBINFMT_TARGET_ENTRY_H

#include "entry.h"
#include "targets.h"

#include <stddef.h>

/* Entries qbinfmt registers are named TARGET_ENTRY_PREFIX + target. */
#define TARGET_ENTRY_PREFIX "qbinfmt-"

/*
 * Fill magic and mask (each BINFMT_HEADER_SIZE bytes) for the target and
 * return their length.  Policy: ELF version 1; ET_EXEC and ET_DYN; the
 * EI_OSABI values real binaries of the target carry (0 and 3 everywhere,
 * so the mask keeps the top six bits and 1 and 2 pass too; ARM's 65 and
 * 97, Xtensa's 65, which widen it); EI_ABIVERSION ignored; EI_PAD must be
 * zero; e_machine exact; for MIPS 32-bit, the EF_MIPS_ABI2 bit.
 */
size_t target_magic(const struct target *t, unsigned char *magic, unsigned char *mask);

/* The entry name a command-line word stands for: a target's name or
 * alias means TARGET_ENTRY_PREFIX + its name ("arm64": "qbinfmt-aarch64"),
 * any other word is taken as an entry name.  Returns the target, or NULL
 * for an entry name. */
const struct target *target_entry_name(const char *word, char *name, size_t size);

/* The entry qbinfmt registers for the target. */
void target_entry(const struct target *t, const char *interpreter, unsigned flags,
		  struct binfmt_entry *entry);

#endif
