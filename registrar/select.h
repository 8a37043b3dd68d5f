/* SPDX-License-Identifier: MIT */
/* [--all | TARGET...]: which targets a command acts on. */
#ifndef QBINFMT_SELECT_H
#define QBINFMT_SELECT_H

#include "failure.h"
#include "targets.h"

#include <stdbool.h>
#include <stddef.h>

struct selection {
	const struct target *items[64];
	bool named[64]; /* named on the command line, not just part of --all */
	size_t count;
};

/* Names or aliases (argv), or every target with `all`.  0, or -1 with f
 * (usage status) on an unknown name, on both or neither. */
int select_targets(bool all, int argc, char **argv, struct selection *s, struct failure *f);

#endif
