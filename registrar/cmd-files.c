/* SPDX-License-Identifier: MIT */
/* What find and doctor share, on the host and in podman's namespace:
 * FILE... operands, the binfmt_misc they read, then one pass over them. */
#include "commands.h"
#include "podman.h"
#include "report.h"

int run_on_files(const struct cli_command *command, int argc, char **argv, enum binfmt_use use,
		 bool in_podman, files_fn *each)
{
	struct binfmt_target where;
	int first = cli_parse(command, argc, argv, NULL, NULL);

	if (first <= 0)
		return cli_exit_status(first);
	if (first >= argc)
		die(EXIT_USAGE, "%s: which files? (qbinfmt %s FILE...)", cli_command_path(),
		    cli_command_path());
	if (in_podman && !podman_inside())
		podman_run_inside(cli_command_path());
	registrar_binfmt(cli_command_path(), use, &where);
	return each(&where, argc - first, argv + first);
}
