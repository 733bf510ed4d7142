package io.forkcast.sandbox.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.nio.charset.StandardCharsets;

/**
 * With the sandbox on and no SMTP server configured ({@code spring.mail.host} empty: the embedded default), a real
 * SMTP server runs inside Forkcast (GreenMail, on 127.0.0.1 and a free port) and Spring's mail sender points at it,
 * so e-mails take the same path as in production and land in the outbox page, {@code /sandbox/mail}. Once
 * {@code spring.mail.host} is set, Spring Boot's own mail sender talks to that server instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
class SandboxMailServer {

    private static final Logger log = LoggerFactory.getLogger(SandboxMailServer.class);

    @Bean(destroyMethod = "stop")
    GreenMail sandboxSmtpServer() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        log.info("No SMTP server configured (spring.mail.host): e-mail goes to the sandbox's outbox, /sandbox/mail");
        return smtp;
    }

    @Bean
    JavaMailSenderImpl mailSender(GreenMail sandboxSmtpServer) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(sandboxSmtpServer.getSmtp().getPort());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        return sender;
    }
}
