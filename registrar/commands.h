/* SPDX-License-Identifier: MIT */
/* qbinfmt's commands, one file each (cmd-*.c), and the options every
 * command takes, parsed once for all of them (qbinfmt.c) and handed to
 * each command's run() as `globals`.  Commands pass the modules what
 * they need of them as arguments: no module reads these. */
#ifndef QBINFMT_COMMANDS_H
#define QBINFMT_COMMANDS_H

#include "command.h"
#include "failure.h"
#include "registrar.h"

#include <stdbool.h>
#include <stdnoreturn.h>
#include <sys/types.h>

struct global_options {
	bool json;
	bool dry_run;
	int verbose;
	const char *qemu_dirs;	  /* colon-separated */
	const char *binfmt_dir;	  /* the binfmt_misc mount */
	const char *launcher_dir; /* holds qemu-TARGET-binfmt-P */
	pid_t namespace_of;	  /* act in this process's user and mount namespaces; 0: here */
	char **command_line;	  /* main()'s argv, for qbinfmt podman to run itself again */
};

/* A module's failure, as "qbinfmt: COMMAND: why", and exit. */
noreturn void die_failure(const struct failure *f);

/* The exit status of a command that wired targets (wire_targets()):
 * its rows' failures, else the line of an --all that wired nothing,
 * said here after the rows. */
struct outcome_list;
int wired_status(const struct outcome_list *rows, const struct failure *nothing);

/* registrar_binfmt() with the global options, dying on failure. */
void command_binfmt(const struct global_options *global, enum binfmt_use use,
		    struct binfmt_target *where);

/* qbinfmt podman's commands act in podman's user namespace: run this
 * qbinfmt again there, through `podman unshare`, unless it runs there
 * already.  Dies with one line when that cannot be. */
void podman_enter(const struct global_options *global);

/* --namespace-of is for commands that act on a binfmt_misc: the others
 * refuse it (usage status) rather than ignore it. */
void refuse_namespace_of(const struct global_options *global, const char *why);

/* What commands run elsewhere (qbinfmt podman) reuse: the work of a
 * command once its binfmt_misc is known.  Each returns the exit status. */
struct json;
/* more(j, context): more fields for --json (j), or more lines (j NULL). */
int status_show(const struct global_options *global, const struct binfmt_target *where,
		void (*more)(struct json *j, void *context), void *context);
typedef int files_fn(const struct global_options *global, const struct binfmt_target *where,
		     int count, char **files);
files_fn find_files, doctor_files;

/* A command of FILE... operands (find, doctor, and theirs in podman):
 * parse, read the binfmt_misc with `use` (in podman's namespace when
 * in_podman), then each() over the files; its exit status. */
int run_on_files(const struct global_options *global, const struct cli_command *command, int argc,
		 char **argv, enum binfmt_use use, bool in_podman, files_fn *each);
enum manage_action { ACTION_REMOVE, ACTION_ENABLE, ACTION_DISABLE };
int manage_entries(const struct global_options *global, const struct binfmt_target *where,
		   enum manage_action action, bool all, bool force, int count, char **names);
extern const struct cli_option manage_options[]; /* --all, --force */
struct manage_args {
	bool all, force;
};
/* cli_parse()'s take for manage_options, into a struct manage_args. */
int manage_take_option(void *context, int key, const char *arg);
/* --all or names, not both, not neither: dies with usage status. */
void manage_check_operands(const struct manage_args *args, int count);

extern const struct cli_command list_command, status_command, install_command, remove_command,
    enable_command, disable_command, export_command, import_command, find_command, sandbox_command,
    podman_command, doctor_command, image_command;

#endif
