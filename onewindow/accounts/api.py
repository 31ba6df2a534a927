from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from onewindow.common.api import NamedApiView


class TokenObtainApi(NamedApiView):
    """Exchange a username and password for an API token (failures count towards the lockout)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()

    @extend_schema(request=AuthTokenSerializer, responses=OutputSerializer, operation_id="auth_token")
    def post(self, request):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
