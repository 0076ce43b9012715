package io.tandem.signaling;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One peer's signaling socket. For now it closes at once with {@link SignalingCloseCode#NOT_IMPLEMENTED}; public
 * because Jetty invokes listeners through method handles.
 */
public class SignalEndpoint implements Session.Listener.AutoDemanding {

    @Override
    public void onWebSocketOpen(Session session) {
        SignalingCloseCode code = SignalingCloseCode.NOT_IMPLEMENTED;
        session.close(code.code(), code.reason(), Callback.NOOP);
    }
}
