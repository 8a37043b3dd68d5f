;; SPDX-License-Identifier: MIT
;; A stand-in for Guix's (gnu services virtualization), enough for guile
;; to load what `qbinfmt export --format guix` writes: the qemu-platform
;; record as Guix defines it (name, family, magic and mask bytevectors;
;; the constructor not exported), qemu-binfmt-configuration with its
;; fields, and the register string Guix's qemu-platform->binfmt builds
;; for a platform, rewritten here step by step from the Guix service
;; (gnu/services/virtualization.scm):
;;   ":qemu-" NAME ":M::" MAGIC ":" MASK ":" QEMU "/bin/qemu-" NAME ":"
;; every byte of magic and mask as \x and two lowercase hex digits, no
;; offset, no flags.
(define-module (gnu services virtualization)
  #:use-module (srfi srfi-9)
  #:use-module (rnrs bytevectors)
  #:export (qemu-platform?
            qemu-platform-name
            qemu-binfmt-configuration
            qemu-binfmt-configuration-platforms
            qemu-platform->register-string))

(define-record-type <qemu-platform>
  (qemu-platform name family magic mask)
  qemu-platform?
  (name qemu-platform-name)       ;string
  (family qemu-platform-family)   ;string
  (magic qemu-platform-magic)     ;bytevector
  (mask qemu-platform-mask))      ;bytevector

;; Guix's is a record of (guix records) with these fields: qemu,
;; platforms (default '()), guix-support? (default #f).
(define-syntax qemu-binfmt-configuration
  (syntax-rules ()
    ((_ (field value) ...)
     (list (cons 'field value) ...))))

(define (qemu-binfmt-configuration-platforms configuration)
  (let ((platforms (assq 'platforms configuration)))
    (if platforms (cdr platforms) '())))

(define (qemu-platform->register-string qemu platform)
  (define (bytevector->binfmt-string bv)
    (string-concatenate
     (map (lambda (n)
            (string-append "\\x" (string-pad (number->string n 16) 2 #\0)))
          (bytevector->u8-list bv))))
  (unless (and (string? (qemu-platform-name platform))
               (string? (qemu-platform-family platform)))
    (error "name and family must be strings" platform))
  (string-append ":qemu-" (qemu-platform-name platform) ":M::"
                 (bytevector->binfmt-string (qemu-platform-magic platform))
                 ":" (bytevector->binfmt-string (qemu-platform-mask platform))
                 ":" qemu "/bin/qemu-" (qemu-platform-name platform)
                 ":"))
