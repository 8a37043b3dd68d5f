/* SPDX-License-Identifier: MIT */
/* The files other tools consume: systemd binfmt.d, Debian binfmt-support
 * format files, plain register strings, NixOS's boot.binfmt.registrations
 * (a Nix attribute set) and Guix's qemu-binfmt-configuration (Scheme). */
#ifndef QBINFMT_EXPORT_FORMAT_H
#define QBINFMT_EXPORT_FORMAT_H

#include "entry.h"
#include "files.h"

#include <stdbool.h>
#include <stddef.h>

enum export_format { EXPORT_BINFMT_D, EXPORT_DEBIAN, EXPORT_REGISTER, EXPORT_NIX, EXPORT_GUIX };

bool export_format_parse(const char *text, enum export_format *f);

/* One entry's text; -1 with why when the format cannot say it.  A file
 * is export_prologue(), the entries' texts, export_epilogue(). */
int export_render(enum export_format f, const struct binfmt_entry *e, const char *comment,
		  char *buf, size_t size, char *why, size_t why_size);

/* What a file of the format holds before and after its entries: the
 * Nix attribute set's header comment and braces, the Guix configuration
 * around its platforms; "" for the others. */
const char *export_prologue(enum export_format f);
const char *export_epilogue(enum export_format f);

/* "qbinfmt-aarch64.conf", "qbinfmt-aarch64", "qbinfmt-aarch64.register",
 * "qbinfmt-aarch64.nix", "qbinfmt-aarch64.scm" */
void export_file_name(enum export_format f, const struct binfmt_entry *e, char *buf, size_t size);

#endif
