/* SPDX-License-Identifier: MIT */
/*
 * Registering one entry so that nothing is ever left half done: an equal
 * entry is left alone, a different one is replaced and put back if the
 * new one fails, and every write is read back from the status file.
 */
#ifndef QBINFMT_INSTALL_H
#define QBINFMT_INSTALL_H

#include "entry.h"

enum install_outcome {
	INSTALL_ADDED,
	INSTALL_UNCHANGED,
	INSTALL_REPLACED,
	INSTALL_FAILED,		 /* nothing changed */
	INSTALL_FAILED_RESTORED, /* the old entry was put back */
	INSTALL_FAILED_LOST,	 /* the old entry could not be put back */
	INSTALL_FAILED_RACED,	 /* another writer registered the name meanwhile */
};

enum install_step {
	STEP_NONE,
	STEP_FORMAT,   /* the entry has no register string */
	STEP_READ,     /* reading the existing entry */
	STEP_REMOVE,   /* removing the old entry */
	STEP_REGISTER, /* writing the register string */
	STEP_READBACK, /* the status file says something else */
};

struct install_report {
	enum install_outcome outcome;
	enum install_step step; /* where it failed */
	int error;		/* errno of that step */
};

void install_entry(const char *binfmt_dir, const struct binfmt_entry *entry,
		   struct install_report *report);

const char *install_outcome_name(enum install_outcome o);
/* "cannot write register: Invalid argument" and the like. */
void install_describe(const struct install_report *report, char *buf, size_t size);

#endif
