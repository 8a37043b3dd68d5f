/* SPDX-License-Identifier: MIT */
/* Short names for ELF header values, for people reading elfprobe's output. */
#ifndef ELFPROBE_ELF_NAMES_H
#define ELFPROBE_ELF_NAMES_H

#include <stdint.h>

/* "aarch64", "x86-64"...; NULL when we know no name (print the number). */
const char *elf_machine_name(uint16_t machine);

/* "sysv", "gnu", "freebsd"...; NULL when unknown. */
const char *elf_osabi_name(uint8_t osabi);

/* "exec", "dyn", "rel", "core", "none"; NULL for the OS / processor ranges. */
const char *elf_type_name(uint16_t type);

#endif
