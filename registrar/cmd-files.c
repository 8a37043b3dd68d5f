/* SPDX-License-Identifier: MIT */
/* What find and doctor share, on the host and in podman's namespace:
 * FILE... operands, the binfmt_misc they read, then one pass over them. */
#include "commands.h"
#include "report.h"

int run_on_files(const struct global_options *global, const struct cli_command *command, int argc,
		 char **argv, enum binfmt_use use, bool in_podman, files_fn *each)
{
	struct binfmt_target where;
	int first = cli_parse(command, argc, argv, NULL, NULL);

	if (first <= 0)
		return cli_exit_status(first);
	if (first >= argc)
		die(EXIT_USAGE, "%s: which files? (qbinfmt %s FILE...)", cli_command_path(),
		    cli_command_path());
	if (in_podman)
		podman_enter(global);
	command_binfmt(global, use, &where);
	where.podman = in_podman;
	return each(global, &where, argc - first, argv + first);
}
