/* SPDX-License-Identifier: MIT */
/* What every command does alike: report a module's failure, find the
 * binfmt_misc it acts on, refuse what means nothing to it. */
#include "commands.h"
#include "outcome.h"
#include "report.h"

void die_failure(const struct failure *f)
{
	die(f->status, "%s: %s", cli_command_path(), f->why);
}

int wired_status(const struct outcome_list *rows, const struct failure *nothing)
{
	if (!outcome_all_ok(rows))
		return EXIT_FAILURE_FOUND;
	if (nothing->status == EXIT_OK)
		return EXIT_OK;
	warn("%s: %s", cli_command_path(), nothing->why);
	return nothing->status;
}

void command_binfmt(const struct global_options *global, enum binfmt_use use,
		    struct binfmt_target *where)
{
	struct failure f;

	if (registrar_binfmt(global->binfmt_dir, global->namespace_of, use, global->dry_run, where,
			     &f) < 0)
		die_failure(&f);
}

void refuse_namespace_of(const struct global_options *global, const char *why)
{
	if (global->namespace_of)
		die(EXIT_USAGE, "%s: --namespace-of %d means nothing here: %s", cli_command_path(),
		    (int)global->namespace_of, why);
}
