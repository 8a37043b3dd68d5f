/* SPDX-License-Identifier: MIT */
/*
 * Is a program statically linked?  The one definition qbinfmt uses, for
 * qemu above all: a static qemu needs no host library, so it runs inside
 * foreign roots and containers.  Decided from the file, never its name:
 * Debian 13's statically linked qemu is /usr/bin/qemu-aarch64, without
 * "-static".  Static means no PT_INTERP program header, as the kernel's
 * load_elf_binary() decides whether to load an interpreter; static-pie
 * (ET_DYN without PT_INTERP) is static.  A PT_INTERP the kernel refuses
 * is not "static": the program does not run at all.
 *
 * libc only and self-contained: the launcher, which links nothing of the
 * core, compiles this file too.
 */
#ifndef QBINFMT_ELF_LINKING_H
#define QBINFMT_ELF_LINKING_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum elf_linking {
	ELF_LINKING_STATIC,	/* no PT_INTERP */
	ELF_LINKING_DYNAMIC,	/* PT_INTERP: needs the loader it names */
	ELF_LINKING_BAD_INTERP, /* a PT_INTERP load_elf_binary() refuses: see elf_interp */
	ELF_LINKING_NOT_ELF,	/* not an ELF file (a script, say) */
	ELF_LINKING_CORRUPT,	/* an ELF header, then something cut short or invalid */
	ELF_LINKING_UNREADABLE, /* could not be opened or read: see errno */
};

/* A program's PT_INTERP (the first, as the kernel takes it): the bytes
 * p_offset and p_filesz name, the NUL that should end them included. */
struct elf_interp {
	uint64_t size;	     /* p_filesz */
	bool within_file;    /* all of it lies inside the file */
	bool terminated;     /* its last byte is NUL */
	char path[PATH_MAX]; /* its text up to the first NUL: may be relative or empty */
	bool path_cut;	     /* no NUL in its first PATH_MAX bytes: too long to open */
};

/* For an open file, read with pread (the offset is not moved). */
enum elf_linking elf_linking_of_fd(int fd);

/* And for a path (symlinks followed, as exec follows them). */
enum elf_linking elf_linking_of_path(const char *path);

/* The same verdict, and for DYNAMIC or BAD_INTERP what the PT_INTERP
 * holds (zeroed otherwise). */
enum elf_linking elf_interp_of_path(const char *path, struct elf_interp *interp);

/* What load_elf_binary() makes of a PT_INTERP before it opens the path,
 * in its order.  Every fault but OPENS is ELF_LINKING_BAD_INTERP. */
enum elf_interp_fault {
	ELF_INTERP_OPENS,	 /* it opens the path (a relative one from the caller's folder) */
	ELF_INTERP_TOO_SHORT,	 /* p_filesz under 2: ENOEXEC */
	ELF_INTERP_TOO_LONG,	 /* p_filesz over PATH_MAX: ENOEXEC */
	ELF_INTERP_PAST_END,	 /* not all inside the file: EIO (elf_read()) */
	ELF_INTERP_UNTERMINATED, /* its last byte is not NUL: ENOEXEC */
};

enum elf_interp_fault elf_interp_kernel_fault(const struct elf_interp *interp);

#endif
