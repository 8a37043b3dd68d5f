/* SPDX-License-Identifier: MIT */
#include "exec-probe.h"

#include "elf-fields.h"
#include "elf-samples.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U /* Linux 6.3: executable even where vm.memfd_noexec is 1 */
#endif

/* A name longer than NAME_MAX: every filesystem a root can be on refuses
 * to look it up with ENAMETOOLONG (procfs and sysfs say ENOENT, and are
 * never /). */
#define PROBE_LOADER_LEN 301

/* The padding byte set: EI_PAD's last, which no ELF loader reads. */
#define PROBE_PAD_AT 15

/* A field of 2, 4 or 8 bytes (values below 2^32) in the file's order. */
static void put(unsigned char *at, size_t size, unsigned data, uint32_t value)
{
	if (size < 8) {
		elf_put(at, size, data, value);
		return;
	}
	elf_put(at + (data == ELFDATA2MSB ? 4 : 0), 4, data, value);
}

size_t exec_probe_image(const struct target *t, unsigned char *image, size_t size)
{
	struct elf_sample usual =
	    elf_sample_usual(t, ET_EXEC, elf_sample_gnu_only(t) ? ELFOSABI_GNU : ELFOSABI_NONE);
	bool wide = t->elf_class == ELFCLASS64;
	unsigned data = t->elf_data;
	size_t ehsize = wide ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	size_t phsize = wide ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	size_t loader_at = ehsize + phsize, len = loader_at + PROBE_LOADER_LEN + 1;
	size_t word = wide ? 8 : 4;

	if (size < EXEC_PROBE_MAX || len > size)
		return 0;
	memset(image, 0, size);
	elf_sample_header(t, &usual, image);
	image[PROBE_PAD_AT] = 'q';
	/* e_entry, e_phoff; e_ehsize, e_phentsize, e_phnum after e_flags. */
	put(image + 24, word, data, 0x10000);
	put(image + 24 + word, word, data, (uint32_t)ehsize);
	size_t after_flags = elf_flags_offset(t->elf_class) + 4;
	put(image + after_flags, 2, data, (uint32_t)ehsize);
	put(image + after_flags + 2, 2, data, (uint32_t)phsize);
	put(image + after_flags + 4, 2, data, 1);
	/* The one program header: PT_INTERP. */
	unsigned char *ph = image + ehsize;
	put(ph, 4, data, PT_INTERP);
	if (wide) {
		put(ph + 4, 4, data, PF_R);
		put(ph + 8, 8, data, (uint32_t)loader_at);
		put(ph + 32, 8, data, PROBE_LOADER_LEN + 1);
		put(ph + 40, 8, data, PROBE_LOADER_LEN + 1);
		put(ph + 48, 8, data, 1);
	} else {
		put(ph + 4, 4, data, (uint32_t)loader_at);
		put(ph + 16, 4, data, PROBE_LOADER_LEN + 1);
		put(ph + 20, 4, data, PROBE_LOADER_LEN + 1);
		put(ph + 24, 4, data, PF_R);
		put(ph + 28, 4, data, 1);
	}
	image[loader_at] = '/';
	memset(image + loader_at + 1, 'q', PROBE_LOADER_LEN - 1);
	return len;
}

const char *exec_probe_step_name(enum exec_probe_step step)
{
	switch (step) {
	case EXEC_PROBE_STEP_EXEC:
		return "execveat";
	case EXEC_PROBE_STEP_MEMFD:
		return "memfd_create";
	case EXEC_PROBE_STEP_FORK:
		return "fork";
	case EXEC_PROBE_STEP_USERNS:
		return "unshare(CLONE_NEWUSER | CLONE_NEWNS)";
	case EXEC_PROBE_STEP_BINFMT:
		return "a binfmt_misc of its own";
	}
	return "?";
}

/* What the child says through the pipe when the exec fails (or a step
 * before it); nothing when the exec succeeds. */
struct said {
	int step, error;
};

static noreturn void child(int memfd, int report, bool private_binfmt)
{
	struct said s = {EXEC_PROBE_STEP_EXEC, 0};
	char *argv[] = {(char *)"qbinfmt-exec-probe", NULL}, *envp[] = {NULL};

	if (private_binfmt) {
		/* The first mount of binfmt_misc in a user namespace makes its
		 * instance, even detached, and an exec asks the nearest
		 * instance: this empty one. */
		int fs = -1;
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0) {
			s.step = EXEC_PROBE_STEP_USERNS;
			goto out;
		}
		if ((fs = fsopen("binfmt_misc", FSOPEN_CLOEXEC)) < 0 ||
		    fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0 ||
		    fsmount(fs, FSMOUNT_CLOEXEC, 0) < 0) {
			s.step = EXEC_PROBE_STEP_BINFMT;
			goto out;
		}
	}
	syscall(SYS_execveat, memfd, "", argv, envp, AT_EMPTY_PATH);
out:
	s.error = errno;
	if (write(report, &s, sizeof(s)) < 0)
		_exit(1);
	_exit(0);
}

static void failed(struct exec_probe_result *r, enum exec_probe_step step, int error)
{
	r->outcome = EXEC_PROBE_FAILED;
	r->step = step;
	r->error = error;
}

static int probe_memfd(const struct target *t)
{
	unsigned char image[EXEC_PROBE_MAX];
	size_t len = exec_probe_image(t, image, sizeof(image)), done = 0;
	int fd = memfd_create("qbinfmt-exec-probe", MFD_CLOEXEC | MFD_EXEC);

	if (fd < 0 && errno == EINVAL)
		fd = memfd_create("qbinfmt-exec-probe", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (done < len) {
		ssize_t n = write(fd, image + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int error = n < 0 ? errno : EIO;
			close(fd);
			return -error;
		}
		done += (size_t)n;
	}
	return fd;
}

void exec_probe_run(const struct target *t, bool private_binfmt, struct exec_probe_result *r)
{
	struct said s;
	int pipe_fds[2], status;
	size_t got = 0;

	memset(r, 0, sizeof(*r));
	int memfd = probe_memfd(t);
	if (memfd < 0) {
		failed(r, EXEC_PROBE_STEP_MEMFD, -memfd);
		return;
	}
	if (pipe2(pipe_fds, O_CLOEXEC) < 0) {
		failed(r, EXEC_PROBE_STEP_FORK, errno);
		close(memfd);
		return;
	}
	pid_t pid = fork();
	if (pid == 0)
		child(memfd, pipe_fds[1], private_binfmt);
	int fork_error = errno;
	close(pipe_fds[1]);
	close(memfd);
	if (pid < 0) {
		close(pipe_fds[0]);
		failed(r, EXEC_PROBE_STEP_FORK, fork_error);
		return;
	}
	while (got < sizeof(s)) {
		ssize_t n = read(pipe_fds[0], (char *)&s + got, sizeof(s) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(pipe_fds[0]);
	/* Nothing said: the exec succeeded, so something other than the
	 * kernel's ELF loader ran; it is stopped before it does anything
	 * more. */
	if (got == 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (got == 0) {
		r->outcome = EXEC_PROBE_TAKEN;
		return;
	}
	if (got < sizeof(s)) {
		failed(r, EXEC_PROBE_STEP_FORK, EPIPE);
		return;
	}
	if (s.step != EXEC_PROBE_STEP_EXEC) {
		failed(r, (enum exec_probe_step)s.step, s.error);
		return;
	}
	r->error = s.error;
	if (s.error == ENAMETOOLONG)
		r->outcome = EXEC_PROBE_LOADS;
	else if (s.error == ENOEXEC)
		r->outcome = EXEC_PROBE_REFUSED;
	else if (s.error == ENOENT)
		r->outcome = EXEC_PROBE_TAKEN;
	else
		r->outcome = EXEC_PROBE_FAILED;
}
