package dev.webhookkit.spring;

import dev.webhookkit.admin.AdminApi;
import dev.webhookkit.admin.BearerTokenAuthorizer;
import dev.webhookkit.core.ConfigurationException;
import dev.webhookkit.core.WebhookReceiver;
import dev.webhookkit.outbound.WebhookDispatcher;
import dev.webhookkit.spring.internal.AdminFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The admin API (webhook-admin's {@code AdminServlet}) under {@code /admin}, only with
 * {@code webhookkit.admin.enabled=true}, and then only with a {@code webhookkit.admin.token} of at
 * least {@value BearerTokenAuthorizer#MIN_TOKEN_LENGTH} characters: every request must carry it as
 * a bearer token. Like the webhook filter it is answered ahead of Spring Security's filter chain
 * (order {@link WebhookkitAutoConfiguration#FILTER_ORDER}): the token is its authentication, so the
 * application's login and CSRF protection neither apply nor need changing. An application bean
 * named {@code webhookkitAdminFilter} replaces it (e.g. to mount the servlet behind its own security).
 */
@AutoConfiguration(after = {WebhookkitAutoConfiguration.class, WebhookkitOutboundAutoConfiguration.class})
@ConditionalOnProperty(prefix = "webhookkit", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnProperty(prefix = "webhookkit.admin", name = "enabled", havingValue = "true")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "dev.webhookkit.admin.AdminServlet")
@EnableConfigurationProperties(WebhookkitProperties.class)
public class WebhookkitAdminAutoConfiguration {
    /** Where the admin API is mounted. */
    public static final String PATH = "/admin";

    @Bean
    @ConditionalOnMissingBean
    public AdminApi webhookkitAdminApi(WebhookkitProperties properties, WebhookReceiver receiver, ObjectProvider<WebhookDispatcher> dispatcher) {
        String token = properties.getAdmin().getToken();
        if (token == null || token.length() < BearerTokenAuthorizer.MIN_TOKEN_LENGTH) {
            throw new ConfigurationException("webhookkit.admin.enabled=true needs webhookkit.admin.token of at least "
                    + BearerTokenAuthorizer.MIN_TOKEN_LENGTH + " characters (was " + (token == null ? "unset" : token.length() + " characters") + ")");
        }
        AdminApi.Builder b = AdminApi.builder().receiver(receiver)
                .authorizer(BearerTokenAuthorizer.builder().allTenantsToken(token).build());
        dispatcher.ifAvailable(b::dispatcher);
        return b.build();
    }

    @Bean
    @ConditionalOnMissingBean(name = "webhookkitAdminFilter")
    public FilterRegistrationBean<AdminFilter> webhookkitAdminFilter(AdminApi api) {
        FilterRegistrationBean<AdminFilter> registration = new FilterRegistrationBean<>(new AdminFilter(api, PATH));
        registration.setName("webhookkitAdminFilter");
        registration.setOrder(WebhookkitAutoConfiguration.FILTER_ORDER);
        registration.addUrlPatterns(PATH, PATH + "/*");
        return registration;
    }
}
