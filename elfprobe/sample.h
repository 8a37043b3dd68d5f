/* SPDX-License-Identifier: MIT */
/* The ELF header a target's binaries carry, for deciding what an entry
 * matches without any binary at hand. */
#ifndef ELFPROBE_SAMPLE_H
#define ELFPROBE_SAMPLE_H

#include "targets.h"

/*
 * Write the first bytes of a typical binary of `t` into head (zeroed,
 * BINFMT_HEADER_SIZE bytes): e_ident (EV_CURRENT, the given OSABI, ABI
 * version 0), e_type, e_machine, e_version 1, and e_flags with
 * EF_MIPS_ABI2 for MIPS n32.  Other fields stay zero.  Returns the
 * length of the ELF header.
 */
size_t sample_header(const struct target *t, uint16_t type, uint8_t osabi, unsigned char *head);

/* Does the entry match a typical binary of `t`, of any of ET_EXEC/ET_DYN
 * and OSABI sysv/gnu? */
bool sample_matches(const struct binfmt_entry *e, const struct target *t);

#endif
