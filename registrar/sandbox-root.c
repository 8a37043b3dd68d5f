/* SPDX-License-Identifier: MIT */
#include "sandbox-root.h"
#include "report.h"
#include "select.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* DIR/path resolved as if DIR were "/": absolute symlinks inside the tree
 * (bin -> usr/bin, sh -> /usr/bin/dash) stay inside it. */
static int open_in_root(int root_fd, const char *path)
{
	struct open_how how = {.flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT};
	return (int)syscall(SYS_openat2, root_fd, path, &how, sizeof(how));
}

const struct target *sandbox_root_check(const char *dir)
{
	struct stat st;
	unsigned char header[64];

	if (stat(dir, &st) < 0)
		die_errno(EXIT_FAILURE_FOUND, "sandbox: --root %s", dir);
	if (!S_ISDIR(st.st_mode))
		die(EXIT_FAILURE_FOUND, "sandbox: --root %s: not a directory", dir);
	int root_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0)
		die_errno(EXIT_FAILURE_FOUND, "sandbox: --root %s", dir);
	int sh = open_in_root(root_fd, "bin/sh");
	close(root_fd);
	if (sh < 0)
		die_errno(EXIT_FAILURE_FOUND,
			  "sandbox: --root %s has no /bin/sh (is it a root filesystem?)", dir);
	ssize_t n = read(sh, header, sizeof(header));
	close(sh);
	if (n < 52 || memcmp(header, ELFMAG, SELFMAG) != 0)
		die(EXIT_FAILURE_FOUND, "sandbox: --root %s: /bin/sh is not an ELF program", dir);

	bool msb = header[EI_DATA] == ELFDATA2MSB;
	uint16_t machine = msb ? (uint16_t)(header[18] << 8 | header[19])
			       : (uint16_t)(header[19] << 8 | header[18]);
	size_t flags_at = header[EI_CLASS] == ELFCLASS64 ? 48 : 36;
	uint32_t flags =
	    msb ? (uint32_t)header[flags_at] << 24 | (uint32_t)header[flags_at + 1] << 16 |
		      (uint32_t)header[flags_at + 2] << 8 | header[flags_at + 3]
		: (uint32_t)header[flags_at + 3] << 24 | (uint32_t)header[flags_at + 2] << 16 |
		      (uint32_t)header[flags_at + 1] << 8 | header[flags_at];
	const struct target *t = target_for_elf(header[EI_CLASS], header[EI_DATA], machine, flags);
	if (!t)
		die(EXIT_FAILURE_FOUND,
		    "sandbox: --root %s: /bin/sh is for no target qemu emulates (e_machine %u)",
		    dir, machine);
	if (select_is_host_family(t))
		die(EXIT_FAILURE_FOUND,
		    "sandbox: --root %s is of this machine's own family (%s): it needs no "
		    "emulation; "
		    "use chroot or systemd-nspawn",
		    dir, t->name);
	return t;
}

void sandbox_root_add_bind(struct sandbox_root *root, const char *spec)
{
	static char copies[SANDBOX_MAX_BINDS][PATH_MAX];

	if (root->binds == SANDBOX_MAX_BINDS)
		die(EXIT_USAGE, "sandbox: more than %d --bind options", SANDBOX_MAX_BINDS);
	if (snprintf(copies[root->binds], PATH_MAX, "%s", spec) >= PATH_MAX)
		die(EXIT_USAGE, "sandbox: --bind %s: too long", spec);
	char *colon = strchr(copies[root->binds], ':');
	if (colon)
		*colon = '\0';
	root->bind_source[root->binds] = copies[root->binds];
	root->bind_target[root->binds] = colon ? colon + 1 : copies[root->binds];
	if (root->bind_source[root->binds][0] != '/' || root->bind_target[root->binds][0] != '/')
		die(EXIT_USAGE, "sandbox: --bind %s: SRC and DST must be absolute", spec);
	root->binds++;
}

static void inside(char *path, const char *dir, const char *what)
{
	if (snprintf(path, PATH_MAX, "%s%s", dir, what) >= PATH_MAX)
		die(EXIT_FAILURE_FOUND, "sandbox: %s%s: path too long", dir, what);
}

static void need_dir(const char *dir, const char *what)
{
	char path[PATH_MAX];
	struct stat st;

	inside(path, dir, what);
	if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		die(EXIT_FAILURE_FOUND,
		    "sandbox: --root %s lacks the folder %s, a mount point it needs (qbinfmt "
		    "writes "
		    "nothing into the root: create it)",
		    dir, what);
}

static void do_mount(const char *source, const char *target, const char *type, unsigned long flags,
		     const char *data)
{
	if (mount(source, target, type, flags, data) < 0)
		die_errno(EXIT_FAILURE_FOUND, "sandbox: cannot mount %s on %s",
			  source ? source
			  : type ? type
				 : "(remount)",
			  target);
}

/* DIR/dev/NAME */
static void in_dev(char *path, const char *dir, const char *name)
{
	char suffix[64];

	snprintf(suffix, sizeof(suffix), "/dev/%s", name);
	inside(path, dir, suffix);
}

/* A minimal /dev in a tmpfs of ours: the host's devices bound in. */
static void make_dev(const char *dir)
{
	static const char *const devices[] = {"null", "zero", "full", "random", "urandom", "tty"};
	static const char *const std[] = {"stdin", "stdout", "stderr"};
	char path[PATH_MAX], host[64];

	inside(path, dir, "/dev");
	do_mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755,size=64k");
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
		snprintf(host, sizeof(host), "/dev/%s", devices[i]);
		if (access(host, F_OK) < 0)
			continue;
		in_dev(path, dir, devices[i]);
		int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
		if (fd < 0)
			die_errno(EXIT_FAILURE_FOUND, "sandbox: %s", path);
		close(fd);
		do_mount(host, path, NULL, MS_BIND, NULL);
	}
	in_dev(path, dir, "pts");
	mkdir(path, 0755);
	do_mount("devpts", path, "devpts", MS_NOSUID | MS_NOEXEC,
		 "newinstance,ptmxmode=0666,mode=0620");
	in_dev(path, dir, "ptmx");
	if (symlink("pts/ptmx", path) < 0)
		die_errno(EXIT_FAILURE_FOUND, "sandbox: %s", path);
	in_dev(path, dir, "shm");
	mkdir(path, 01777);
	in_dev(path, dir, "fd");
	if (symlink("/proc/self/fd", path) < 0)
		die_errno(EXIT_FAILURE_FOUND, "sandbox: %s", path);
	for (int i = 0; i < 3; i++) {
		char link[32];
		in_dev(path, dir, std[i]);
		snprintf(link, sizeof(link), "/proc/self/fd/%d", i);
		if (symlink(link, path) < 0)
			die_errno(EXIT_FAILURE_FOUND, "sandbox: %s", path);
	}
}

void sandbox_root_enter(void *context)
{
	const struct sandbox_root *root = context;
	const char *dir = root->dir;
	char path[PATH_MAX];
	struct stat st;

	need_dir(dir, "/proc");
	need_dir(dir, "/dev");
	need_dir(dir, "/sys");
	need_dir(dir, "/tmp");
	inside(path, dir, "/proc");
	do_mount("proc", path, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	make_dev(dir);
	inside(path, dir, "/sys");
	do_mount("/sys", path, NULL, MS_BIND | MS_REC, NULL);
	do_mount(NULL, path, NULL,
		 MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	inside(path, dir, "/tmp");
	do_mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
	inside(path, dir, "/etc/resolv.conf");
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && access("/etc/resolv.conf", R_OK) == 0)
		do_mount("/etc/resolv.conf", path, NULL, MS_BIND, NULL);
	for (size_t i = 0; i < root->binds; i++) {
		inside(path, dir, root->bind_target[i]);
		if (lstat(path, &st) < 0)
			die(EXIT_FAILURE_FOUND,
			    "sandbox: --bind %s: %s does not exist in the root (qbinfmt writes "
			    "nothing into it: create it)",
			    root->bind_source[i], root->bind_target[i]);
		do_mount(root->bind_source[i], path, NULL, MS_BIND | MS_REC, NULL);
	}
	/* chroot, not pivot_root: PID 1 keeps the host's root, which the
	 * launcher reaches through /proc/1/root for the emulator. */
	if (chroot(dir) < 0 || chdir("/") < 0)
		die_errno(EXIT_FAILURE_FOUND, "sandbox: cannot enter %s", dir);
}
