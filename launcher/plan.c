/* SPDX-License-Identifier: MIT */
#include "plan.h"

#include <string.h>

bool plan_kernel_version(const char *release, int *major, int *minor)
{
	int parts[2] = {0, 0};
	const char *p = release;

	for (int i = 0; i < 2; i++) {
		if (*p < '0' || *p > '9')
			return false;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (parts[i] > 100000)
				return false;
			parts[i] = parts[i] * 10 + (*p - '0');
		}
		if (i == 0 && *p++ != '.')
			return false;
	}
	*major = parts[0];
	*minor = parts[1];
	return true;
}

bool plan_preserve_argv0(unsigned long at_flags, int kernel_major, int kernel_minor)
{
	const unsigned long preserve_argv0_flag = 1; /* AT_FLAGS_PRESERVE_ARGV0 */

	if (at_flags & preserve_argv0_flag)
		return true;
	/* Before 5.12 the kernel never says: assume our own registration. */
	return kernel_major < 5 || (kernel_major == 5 && kernel_minor < 12);
}

bool plan_layout(int argc, char **argv, bool preserve_argv0, struct plan_layout *out)
{
	if (argc > PLAN_ARGC_MAX)
		return false;
	if (preserve_argv0) {
		/* INTERP PATH ARGV0 ARGS... */
		if (argc < 3 || !argv[1] || !argv[2] || !argv[1][0])
			return false;
		out->path = argv[1];
		out->argv0 = argv[2];
		out->args_from = 3;
	} else {
		/* INTERP PATH ARGS...: the kernel dropped argv[0]. */
		if (argc < 2 || !argv[1] || !argv[1][0])
			return false;
		out->path = argv[1];
		out->argv0 = argv[1];
		out->args_from = 2;
	}
	return true;
}

size_t plan_env_capacity(char **envp)
{
	size_t n = 0;

	while (envp && envp[n])
		n++;
	return n + 1;
}

size_t plan_argv_capacity(int argc, char **envp)
{
	/* qemu -0 ARGV0 -cpu MODEL -- PROGRAM, ARGS, two slots per moved
	 * variable, NULL */
	return 7 + (size_t)(argc > 0 ? argc : 0) + 2 * plan_env_capacity(envp) + 1;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * What secure mode keeps from a root-privileged qemu.  Its environment is
 * also the guest's (qemu hands its own on), whose C library, in secure mode
 * too, does its own scrubbing; these are the variables that qemu 7.2 and
 * 10.0 themselves read, with the libraries linked into them.  Prefixes:
 */
static const char *const unsafe_prefixes[] = {
    "QEMU_",	/* linux-user/main.c's arg_table, read before the command
		   line (QEMU_LD_PREFIX, QEMU_LOG_FILENAME, QEMU_PLUGIN, ...),
		   and util/module.c's QEMU_MODULE_DIR */
    "LD_",	/* the host loader of a dynamic qemu (LD_TRACE_LOADED_OBJECTS
		   and the rest glibc does not drop) */
    "G_",	/* glib: G_DEBUG=fatal-warnings, G_MESSAGES_DEBUG, G_SLICE */
    "GNUTLS_",	/* and the libraries a dynamic qemu loads through it */
    "NETTLE_",	/* NETTLE_FAT_VERBOSE, read with plain getenv() */
    "P11_KIT_", /* P11_KIT_DEBUG, likewise */
};

/* Whole names, "=" included: DEBUG_INVOCATION, systemd's request for debug
 * output, which the glib in qemu 10.0 reads, and glibc's UNSECURE_ENVVARS
 * (sysdeps/generic/unsecvars.h, 2.36; its LD_* ones are covered above) is
 * what qemu's own C library would drop in secure mode anyway, with
 * GLIBC_TUNABLES, which it only filters: its parser is reached even then
 * (CVE-2023-4911).  TZ stays: qemu reads it only to name a core file,
 * which secure mode never writes (plan_core_limit()). */
static const char *const unsafe_variables[] = {
    "DEBUG_INVOCATION=", "GCONV_PATH=",	 "GETCONF_DIR=",  "GLIBC_TUNABLES=", "HOSTALIASES=",
    "LOCALDOMAIN=",	 "LOCPATH=",	 "MALLOC_TRACE=", "NIS_PATH=",	     "NLSPATH=",
    "RESOLV_HOST_CONF=", "RES_OPTIONS=", "TMPDIR=",	  "TZDIR=",
};

bool plan_env_unsafe(const char *entry)
{
	for (size_t i = 0; i < sizeof(unsafe_prefixes) / sizeof(unsafe_prefixes[0]); i++)
		if (has_prefix(entry, unsafe_prefixes[i]))
			return true;
	for (size_t i = 0; i < sizeof(unsafe_variables) / sizeof(unsafe_variables[0]); i++)
		if (has_prefix(entry, unsafe_variables[i]))
			return true;
	return false;
}

enum plan_exec_fd plan_exec_fd(int fd, bool secure)
{
	if (fd > 2)
		return PLAN_EXEC_FD_KEEP;
	return secure ? PLAN_EXEC_FD_DEV_NULL : PLAN_EXEC_FD_CLOSE;
}

bool plan_core_limit(bool secure, struct rlimit *limit)
{
	if (!secure || limit->rlim_cur == 0)
		return false;
	limit->rlim_cur = 0;
	return true;
}

/* A loader variable qemu's -E can carry: LD_NAME=VALUE without commas.
 * Every exec asks this of every variable: the prefix first, so that the
 * others cost three bytes each. */
static bool movable_loader_variable(const char *entry)
{
	if (entry[0] != 'L' || entry[1] != 'D' || entry[2] != '_')
		return false;
	const char *eq = strchr(entry, '=');
	return eq && eq > entry + 3 && !strchr(entry, ',');
}

bool plan_env_has_loader_variables(char **envp)
{
	for (size_t i = 0; envp && envp[i]; i++)
		if (movable_loader_variable(envp[i]))
			return true;
	return false;
}

int plan_build(const struct plan *p, const struct plan_layout *layout, int argc, char **argv,
	       char **envp, char **argv_out, char **env_out)
{
	int n = 0;
	size_t kept = 0;

	argv_out[n++] = (char *)p->qemu;
	argv_out[n++] = (char *)"-0";
	argv_out[n++] = (char *)layout->argv0;
	if (p->cpu) {
		argv_out[n++] = (char *)"-cpu";
		argv_out[n++] = (char *)p->cpu;
	}
	for (size_t i = 0; envp && envp[i]; i++) {
		if (p->secure) {
			if (plan_env_unsafe(envp[i]))
				continue;
		} else if (!p->qemu_static && movable_loader_variable(envp[i])) {
			argv_out[n++] = (char *)"-E";
			argv_out[n++] = envp[i];
			continue;
		}
		env_out[kept++] = envp[i];
	}
	env_out[kept] = NULL;
	/* "--" ends qemu's options: a PROGRAM or argument starting with '-'
	 * is never read as one. */
	argv_out[n++] = (char *)"--";
	argv_out[n++] = (char *)p->program_path;
	for (int i = layout->args_from; i < argc; i++)
		argv_out[n++] = argv[i];
	argv_out[n] = NULL;
	return n;
}
