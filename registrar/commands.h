/* SPDX-License-Identifier: MIT */
#ifndef QBINFMT_COMMANDS_H
#define QBINFMT_COMMANDS_H

#include <stdbool.h>

/* Options shared by every command, parsed once in qbinfmt.c. */
struct options {
	bool json;
	bool dry_run;
	int verbose;
	const char *qemu_dirs;	  /* colon-separated */
	const char *binfmt_dir;	  /* the binfmt_misc mount */
	const char *launcher_dir; /* holds qemu-TARGET-binfmt-P */
};

/* Each command parses its own arguments (argv[0] is its name). */
int do_list(const struct options *opts, int argc, char **argv);
int do_status(const struct options *opts, int argc, char **argv);
int do_install(const struct options *opts, int argc, char **argv);
int do_remove(const struct options *opts, int argc, char **argv);
int do_enable(const struct options *opts, int argc, char **argv);
int do_disable(const struct options *opts, int argc, char **argv);
int do_export(const struct options *opts, int argc, char **argv);
int do_import(const struct options *opts, int argc, char **argv);
int do_find(const struct options *opts, int argc, char **argv);
int do_sandbox(const struct options *opts, int argc, char **argv);

#endif
