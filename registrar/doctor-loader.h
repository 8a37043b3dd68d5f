/* SPDX-License-Identifier: MIT */
/*
 * The last step of a diagnosis (doctor.h): the file's own loader, its
 * PT_INTERP, which whoever loads the program (the kernel, or qemu when an
 * entry hands the file over) must find in the root it runs in, open and
 * load.  As data: the step's words, and what execve() then says.
 */
#ifndef QBINFMT_DOCTOR_LOADER_H
#define QBINFMT_DOCTOR_LOADER_H

#include "doctor.h"
#include "targets.h"

#include <stdbool.h>

struct doctor_loader {
	char detail[DOCTOR_TEXT_MAX];  /* the step's words */
	const char *error;	       /* NULL: nothing fails; else what execve() says */
	char summary[DOCTOR_TEXT_MAX]; /* with an error: why, for the report's summary */
};

/* The loader of `file`, an ELF program (`elf`) of `target` (NULL: of no
 * qemu target), loaded by qemu or else by the kernel. */
void doctor_loader_check(const char *file, bool elf, const struct target *target, bool by_qemu,
			 struct doctor_loader *l);

#endif
