/* SPDX-License-Identifier: MIT */
/* Which field of an ELF header a byte offset falls in, for messages that
 * say which byte of a file an entry rejects. */
#ifndef QBINFMT_ELF_FIELDS_H
#define QBINFMT_ELF_FIELDS_H

#include <stddef.h>

/* "EI_OSABI", "e_type", "e_flags"... for byte `at` of a header of class
 * elf_class (1: 32-bit, 2: 64-bit; the layouts part after e_version);
 * "past the ELF header" beyond it. */
const char *elf_field_name(size_t at, unsigned elf_class);

#endif
