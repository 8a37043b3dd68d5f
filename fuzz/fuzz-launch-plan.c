/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: the launcher's planning (launcher/plan.c, and its
 * name, lib/launcher-name.c) on an
 * arbitrary argv, environment, AT_FLAGS, AT_SECURE, kernel release and
 * qemu kind.  Input: a control byte, 8 bytes of AT_FLAGS, then
 * NUL-separated strings: the kernel release, argv..., a lone "\x01",
 * envp....  The invariants are the launcher's promises:
 *  - qemu gets QEMU -0 ARGV0 [-E LD_X=V]... -- PROGRAM ARGS..., the
 *    program's arguments exactly, nothing of the caller's before "--"
 *    but the moved loader variables;
 *  - in secure mode no variable plan_env_unsafe() names reaches qemu, in
 *    argv or in its environment, and nothing becomes -E;
 *  - outside it every variable reaches qemu once: in its environment, or,
 *    for a dynamic qemu, as -E;
 *  - neither array outgrows the capacity the launcher allocates;
 *  - a target name is only ever one the per-target link could spell.
 */
#include "launcher-name.h"
#include "plan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_STRINGS 256

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void check_target(const char *argv0)
{
	char target[LAUNCHER_TARGET_MAX + 1];
	const char *cpu;

	if (!launcher_name_parse(argv0, target, &cpu))
		return;
	/* A model is never an option nor more than one argument. */
	if (cpu && (!launcher_cpu_valid(cpu) || cpu[0] == '-' || strchr(cpu, ' ')))
		abort();
	size_t len = strlen(target);
	if (len == 0 || len > LAUNCHER_TARGET_MAX)
		abort();
	for (size_t i = 0; i < len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_", target[i]))
			abort();
	const char *base = strrchr(argv0, '/');
	base = base ? base + 1 : argv0;
	if (strncmp(base, LAUNCHER_NAME_PREFIX, strlen(LAUNCHER_NAME_PREFIX)) != 0 ||
	    strncmp(base + strlen(LAUNCHER_NAME_PREFIX), target, len) != 0 ||
	    strncmp(base + strlen(LAUNCHER_NAME_PREFIX) + len, LAUNCHER_NAME_SUFFIX,
		    strlen(LAUNCHER_NAME_SUFFIX)) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *strings[MAX_STRINGS + 1], *argv[MAX_STRINGS + 1], *envp[MAX_STRINGS + 1];
	int argc = 0, envc = 0, count = 0;

	if (size < 9)
		return 0;
	uint8_t control = data[0];
	unsigned long at_flags = 0;
	memcpy(&at_flags, data + 1, sizeof(uint64_t) <= sizeof(at_flags) ? 8 : sizeof(at_flags));

	/* The strings, each a copy of its own so that ASan sees overreads. */
	char *text = malloc(size - 9 + 1);
	if (!text)
		return 0;
	memcpy(text, data + 9, size - 9);
	text[size - 9] = '\0';
	for (char *p = text; p < text + (size - 9) && count < MAX_STRINGS; p += strlen(p) + 1)
		strings[count++] = strdup(p);
	free(text);
	if (count == 0)
		return 0;

	int major = 0, minor = 0;
	if (!plan_kernel_version(strings[0], &major, &minor))
		major = 6, minor = 18;
	if (major < 0 || minor < 0)
		abort();
	bool in_env = false;
	for (int i = 1; i < count; i++) {
		if (strcmp(strings[i], "\x01") == 0 && !in_env)
			in_env = true;
		else if (in_env)
			envp[envc++] = strings[i];
		else
			argv[argc++] = strings[i];
	}
	argv[argc] = NULL;
	envp[envc] = NULL;

	struct plan p = {
	    .qemu = "/usr/bin/qemu-aarch64",
	    .qemu_static = control & 1,
	    .secure = control & 2,
	    .program_path = control & 4 ? "/proc/self/fd/3" : NULL,
	    .cpu = control & 128 ? "max,pauth-impdef=on" : NULL,
	};
	if (argc > 0)
		check_target(argv[0]);
	if (plan_exec_fd(control >> 4 & 7, p.secure) == PLAN_EXEC_FD_KEEP &&
	    (control >> 4 & 7) <= 2)
		abort();
	struct rlimit core = {control & 8 ? 0 : 4096, RLIM_INFINITY};
	if (plan_core_limit(p.secure, &core) != (p.secure && !(control & 8)) ||
	    (p.secure && core.rlim_cur != 0) || core.rlim_max != RLIM_INFINITY)
		abort();

	bool preserve = plan_preserve_argv0(at_flags, major, minor);
	if ((at_flags & 1) && !preserve)
		abort();
	struct plan_layout layout;
	if (!plan_layout(argc, argv, preserve, &layout))
		goto out;
	if (layout.args_from > argc || !layout.path || !layout.argv0 || !layout.path[0])
		abort();
	if (!p.program_path)
		p.program_path = layout.path;

	size_t argv_cap = plan_argv_capacity(argc, envp), env_cap = plan_env_capacity(envp);
	char **argv_out = calloc(argv_cap, sizeof(char *));
	char **env_out = calloc(env_cap, sizeof(char *));
	if (!argv_out || !env_out)
		abort();
	int n = plan_build(&p, &layout, argc, argv, envp, argv_out, env_out);
	if (n < 0 || (size_t)n >= argv_cap || argv_out[n] != NULL)
		abort();
	if (argv_out[0] != p.qemu || strcmp(argv_out[1], "-0") != 0 || argv_out[2] != layout.argv0)
		abort();
	/* -cpu MODEL when the name carries one, -E pairs, then "--", PROGRAM,
	 * and the arguments exactly. */
	int i = 3, moved = 0;
	if (p.cpu) {
		if (i + 1 >= n || strcmp(argv_out[i], "-cpu") != 0 || argv_out[i + 1] != p.cpu)
			abort();
		i += 2;
	}
	while (i + 1 < n && strcmp(argv_out[i], "-E") == 0) {
		const char *v = argv_out[i + 1];
		if (p.secure || p.qemu_static || !has_prefix(v, "LD_") || strchr(v, ',') ||
		    !strchr(v, '='))
			abort();
		i += 2;
		moved++;
	}
	if (i + 2 > n || strcmp(argv_out[i], "--") != 0 || argv_out[i + 1] != p.program_path)
		abort();
	i += 2;
	if (n - i != argc - layout.args_from)
		abort();
	for (int k = layout.args_from; k < argc; k++, i++)
		if (argv_out[i] != argv[k])
			abort();

	size_t kept = 0;
	while (env_out[kept])
		kept++;
	if (kept >= env_cap)
		abort();
	if (p.secure) {
		if (moved)
			abort();
		/* qbinfmt-launch(8) names these; the rest is plan_env_unsafe()'s. */
		for (size_t k = 0; k < kept; k++)
			if (plan_env_unsafe(env_out[k]) || has_prefix(env_out[k], "QEMU_") ||
			    has_prefix(env_out[k], "LD_") ||
			    has_prefix(env_out[k], "GCONV_PATH=") ||
			    has_prefix(env_out[k], "GLIBC_TUNABLES="))
				abort();
		/* Exactly the safe ones, in their order. */
		size_t k = 0;
		for (int e = 0; e < envc; e++)
			if (!plan_env_unsafe(envp[e]) && env_out[k++] != envp[e])
				abort();
		if (k != kept)
			abort();
	} else if ((size_t)moved + kept != (size_t)envc) {
		abort();
	}
	free(argv_out);
	free(env_out);
out:
	for (int k = 0; k < count; k++)
		free(strings[k]);
	return 0;
}
