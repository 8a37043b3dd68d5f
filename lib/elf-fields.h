/* SPDX-License-Identifier: MIT */
/* The fields of an ELF header: where the layouts put them, reading and
 * writing them in the file's byte order, and which field a byte offset
 * falls in, for messages that say which byte of a file an entry rejects. */
#ifndef QBINFMT_ELF_FIELDS_H
#define QBINFMT_ELF_FIELDS_H

#include <stddef.h>
#include <stdint.h>

/* "EI_OSABI", "e_type", "e_flags"... for byte `at` of a header of class
 * elf_class (1: 32-bit, 2: 64-bit; the layouts part after e_version);
 * "past the ELF header" beyond it. */
const char *elf_field_name(size_t at, unsigned elf_class);

/* Where e_flags is: after e_entry, e_phoff and e_shoff, 4 or 8 bytes each
 * (36 in ELFCLASS32 headers, 48 in ELFCLASS64 ones). */
size_t elf_flags_offset(unsigned elf_class);

/* The field of `size` bytes (2 or 4) at `at`, in the byte order elf_data
 * (EI_DATA) says: most significant byte first for ELFDATA2MSB, else
 * least. */
uint32_t elf_get(const unsigned char *at, size_t size, unsigned elf_data);
void elf_put(unsigned char *at, size_t size, unsigned elf_data, uint32_t value);

#endif
