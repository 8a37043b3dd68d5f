/* SPDX-License-Identifier: MIT */
/*
 * Is a program statically linked?  The one definition qbinfmt uses, for
 * qemu above all: a static qemu needs no host library, so it runs inside
 * foreign roots and containers.  Decided from the file, never its name:
 * Debian 13's statically linked qemu is /usr/bin/qemu-aarch64, without
 * "-static".  Static means no PT_INTERP program header, as the kernel's
 * load_elf_binary() decides whether to load an interpreter; static-pie
 * (ET_DYN without PT_INTERP) is static.
 *
 * libc only and self-contained: the launcher, which links nothing of the
 * core, compiles this file too.
 */
#ifndef QBINFMT_ELF_LINKING_H
#define QBINFMT_ELF_LINKING_H

#include <stddef.h>

enum elf_linking {
	ELF_LINKING_STATIC,	/* no PT_INTERP */
	ELF_LINKING_DYNAMIC,	/* PT_INTERP: needs the loader it names */
	ELF_LINKING_NOT_ELF,	/* not an ELF file (a script, say) */
	ELF_LINKING_CORRUPT,	/* an ELF header, then something cut short or invalid */
	ELF_LINKING_UNREADABLE, /* could not be opened or read: see errno */
};

/*
 * From the start of a file (len bytes; the program headers usually follow
 * the ELF header at once).  When the program header table lies beyond
 * len, returns ELF_LINKING_CORRUPT with *table_end set to the length that
 * would hold it, so that the caller can read that much and ask again;
 * otherwise *table_end is 0.
 */
enum elf_linking elf_linking_of(const unsigned char *file, size_t len, size_t *table_end);

/* The same for an open file, read with pread (the offset is not moved). */
enum elf_linking elf_linking_of_fd(int fd);

/* And for a path (symlinks followed, as exec follows them). */
enum elf_linking elf_linking_of_path(const char *path);

/* The loader a dynamically linked program names (PT_INTERP: its path,
 * "/lib/ld-linux-aarch64.so.1"), into out; false when it names none or
 * the file cannot say (not ELF, static, unreadable). */
_Bool elf_interpreter_of_path(const char *path, char *out, size_t size);

#endif
